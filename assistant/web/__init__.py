"""The web shell over the one Python API: HTTP API, chat UI, widget, admin and insights, metrics."""
