"""Property-based fuzzing of the API: well over 1,000 generated requests, never a 5xx."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from assistant.web.api import create_app

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=60),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3),
    max_leaves=8,
)
ASK_BODIES = st.one_of(
    st.fixed_dictionaries(
        {"question": st.text(max_size=300)},
        optional={
            "history": st.lists(
                st.fixed_dictionaries(
                    {"role": st.sampled_from(["user", "assistant", "system"]), "content": st.text(max_size=50)}
                ),
                max_size=3,
            ),
            "filters": st.fixed_dictionaries(
                {}, optional={"bundesland": st.text(max_size=20), "type": st.text(max_size=10)}
            ),
            "session_id": st.text(max_size=20),
            "stream": st.booleans(),
        },
    ),
    st.dictionaries(st.text(max_size=12), JSON_VALUES, max_size=4),
    JSON_VALUES,
)
FUZZ = hyp_settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@pytest.fixture(scope="module")
def fuzz_client(tmp_path_factory):
    from assistant.config import Settings
    from assistant.engine import Assistant
    from tests.conftest import write_fixture_corpus

    root = tmp_path_factory.mktemp("fuzz")
    settings = Settings(
        _env_file=None,
        corpus_dir=write_fixture_corpus(root / "corpus"),
        index_dir=root / "index",
        feedback_db=root / "feedback.sqlite3",
        rate_limit_per_minute=0,
    )
    instance = Assistant(settings)
    instance.ingest(progress=False)
    return TestClient(create_app(settings, instance, with_ui=False), raise_server_exceptions=False)


@FUZZ
@given(body=ASK_BODIES)
def test_fuzzed_ask_never_fails_with_5xx(fuzz_client, body):
    response = fuzz_client.post("/api/ask", json=body)
    assert response.status_code in (200, 422), response.text


@FUZZ
@given(raw=st.binary(max_size=200))
def test_fuzzed_raw_bodies_never_fail_with_5xx(fuzz_client, raw):
    response = fuzz_client.post("/api/ask", content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code in (200, 422), response.text


@FUZZ
@given(q=st.text(max_size=200), k=st.integers(min_value=-5, max_value=200), state=st.text(max_size=20))
def test_fuzzed_search_never_fails_with_5xx(fuzz_client, q, k, state):
    response = fuzz_client.get("/api/search", params={"q": q, "k": k, "bundesland": state})
    assert response.status_code in (200, 422), response.text


@FUZZ
@given(
    body=st.dictionaries(
        st.sampled_from(["session_id", "message_id", "rating", "comment", "x"]), JSON_VALUES, max_size=5
    )
)
def test_fuzzed_feedback_never_fails_with_5xx(fuzz_client, body):
    response = fuzz_client.post("/api/feedback", json=body)
    assert response.status_code in (200, 422), response.text
