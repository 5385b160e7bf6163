"""Generative answers through a configured LLM server (Ollama or OpenAI-compatible), via LangChain chat models."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.config import Settings
from assistant.models import HistoryTurn, Hit

PROMPTS = Path(__file__).resolve().parent.parent / "prompts"


class LLMUnavailable(RuntimeError):
    """The LLM server failed, timed out or returned nothing usable."""


@lru_cache(maxsize=8)
def prompt(name: str) -> str:
    return (PROMPTS / f"{name}.md").read_text(encoding="utf-8")


def make_chat_model(settings: Settings) -> BaseChatModel:
    backend, _, model = (settings.llm or "").partition(":")
    if not model:
        raise ValueError("IKZ_LLM muss die Form 'ollama:MODELL' oder 'openai:MODELL' haben.")
    if backend == "ollama":
        from langchain_ollama import ChatOllama

        return ChatOllama(
            model=model,
            base_url=settings.llm_base_url,
            temperature=settings.llm_temperature,
            client_kwargs={"timeout": settings.llm_timeout_s},
        )
    if backend == "openai":
        from langchain_openai import ChatOpenAI

        api_key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else "nicht-gesetzt"
        return ChatOpenAI(
            model=model,
            base_url=settings.llm_base_url,
            api_key=api_key,
            timeout=settings.llm_timeout_s,
            max_retries=settings.llm_retries,
            temperature=settings.llm_temperature,
        )
    raise ValueError(f"Unbekanntes LLM-Backend „{backend}“ (erlaubt: ollama, openai).")


def format_sources(hits: list[Hit]) -> str:
    blocks = []
    for n, hit in enumerate(hits, start=1):
        blocks.append(f"[{n}] {hit.section or hit.title}\n{hit.text}")
    return "\n\n".join(blocks)


def answer_messages(question: str, hits: list[Hit]) -> list:
    """The exact messages the assistant sends for an answer: the German rules, then the sources and the question."""
    user = prompt("sources").format(sources=format_sources(hits), question=question)
    return [SystemMessage(prompt("answer")), HumanMessage(user)]


def prompt_text(messages: list) -> str:
    """All message contents as one text, as an LLM server receives them (for the faithfulness set)."""
    return "\n".join(str(message.content) for message in messages)


class Generator:
    def __init__(self, settings: Settings, model: BaseChatModel | None = None) -> None:
        self.settings = settings
        self.model = model or make_chat_model(settings)

    def _messages(self, question: str, hits: list[Hit]) -> list:
        return answer_messages(question, hits)

    def stream(self, question: str, hits: list[Hit]) -> Iterator[str]:
        """Yield text pieces as the server sends them; raise LLMUnavailable on any server failure."""
        try:
            for chunk in self.model.stream(self._messages(question, hits)):
                text = chunk.content if isinstance(chunk.content, str) else ""
                if text:
                    yield text
        except Exception as error:  # httpx/openai/ollama raise many types for timeouts and refusals
            raise LLMUnavailable(f"{type(error).__name__}") from error

    def rewrite(self, question: str, history: list[HistoryTurn]) -> str:
        lines = "\n".join(f"{'Nutzer' if t.role == 'user' else 'Assistent'}: {t.content}" for t in history)
        try:
            result = self.model.invoke([HumanMessage(prompt("rewrite").format(history=lines, question=question))])
        except Exception as error:
            raise LLMUnavailable(type(error).__name__) from error
        text = result.content.strip() if isinstance(result.content, str) else ""
        if not text or len(text) > 500:
            raise LLMUnavailable("unusable rewrite")
        return text.splitlines()[0].strip()
