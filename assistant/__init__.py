"""IKZ-Assistent: German answers with citations about inter-municipal cooperation."""

__all__ = ["Assistant"]


def __getattr__(name: str):
    # Lazy import: `import assistant.config` must not load models.
    if name == "Assistant":
        from assistant.engine import Assistant

        return Assistant
    raise AttributeError(name)
