"""The README stays true: every setting is documented, the setup commands are there."""

from pathlib import Path

from assistant.config import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme_configuration_table():
    missing = [f"IKZ_{name.upper()}" for name in Settings.model_fields if f"`IKZ_{name.upper()}`" not in README]
    assert not missing


def test_readme_starts_with_the_two_setup_commands():
    setup = README.split("## Einrichtung", 1)[1][:600]
    assert "make run" in setup and "make test" in setup
