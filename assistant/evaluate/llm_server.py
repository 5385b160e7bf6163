"""A local HTTP server speaking the OpenAI chat-completions and Ollama chat protocols with scripted replies.

It replays written model answers through the real ``ask`` path (``ikz eval faithfulness``) and lets the tests
check the wire protocols, streaming, verification and fallbacks without a real model.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Reply = Callable[[str, str], str]  # (system+user text, last user message) -> reply text


class ScriptedLLMServer:
    def __init__(self) -> None:
        self.reply: Reply = lambda prompt, user: "Dazu enthalten meine Quellen keine Angaben."
        self.delay_s = 0.0  # before the first byte
        self.piece_delay_s = 0.0  # between streamed pieces: a model that emits tokens slowly
        self.requests: list[dict] = []
        self.finished_at: float | None = None  # time.monotonic() when the last reply was fully sent
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                server.requests.append({"path": self.path, "body": body})
                time.sleep(server.delay_s)
                messages = body.get("messages", [])
                prompt = "\n".join(str(m.get("content", "")) for m in messages)
                user = str(messages[-1].get("content", "")) if messages else ""
                text = server.reply(prompt, user)
                try:
                    if self.path.endswith("/chat/completions"):
                        self._openai(body, text)
                    elif self.path.endswith("/api/chat"):
                        self._ollama(body, text)
                    else:
                        self.send_error(404)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

            def _openai(self, body: dict, text: str) -> None:
                model = body.get("model", "test")
                if body.get("stream"):
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.end_headers()
                    for piece in _pieces(text):
                        time.sleep(server.piece_delay_s)
                        chunk = {
                            "id": "c1",
                            "object": "chat.completion.chunk",
                            "created": 0,
                            "model": model,
                            "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}],
                        }
                        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    end = {
                        "id": "c1",
                        "object": "chat.completion.chunk",
                        "created": 0,
                        "model": model,
                        "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                    }
                    self.wfile.write(f"data: {json.dumps(end)}\n\ndata: [DONE]\n\n".encode())
                    server.finished_at = time.monotonic()
                    return
                payload = {
                    "id": "c1",
                    "object": "chat.completion",
                    "created": 0,
                    "model": model,
                    "choices": [
                        {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
                    ],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                }
                self._json(payload)

            def _ollama(self, body: dict, text: str) -> None:
                model = body.get("model", "test")
                if body.get("stream", True):
                    self.send_response(200)
                    self.send_header("Content-Type", "application/x-ndjson")
                    self.end_headers()
                    for piece in _pieces(text):
                        time.sleep(server.piece_delay_s)
                        line = {
                            "model": model,
                            "created_at": "2026-11-25T00:00:00Z",
                            "message": {"role": "assistant", "content": piece},
                            "done": False,
                        }
                        self.wfile.write((json.dumps(line) + "\n").encode())
                    final = {
                        "model": model,
                        "created_at": "2026-11-25T00:00:00Z",
                        "message": {"role": "assistant", "content": ""},
                        "done": True,
                        "done_reason": "stop",
                    }
                    self.wfile.write((json.dumps(final) + "\n").encode())
                    server.finished_at = time.monotonic()
                    return
                self._json(
                    {
                        "model": model,
                        "created_at": "2026-11-25T00:00:00Z",
                        "message": {"role": "assistant", "content": text},
                        "done": True,
                        "done_reason": "stop",
                    }
                )

            def _json(self, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                server.finished_at = time.monotonic()

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _pieces(text: str, size: int = 12) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]
