"""Load test: N concurrent clients for T seconds against /api/ask of a running server (loopback only).

Usage: python scripts/load.py --url http://127.0.0.1:7860 --clients 50 --seconds 60
Prints requests/s, p50/p95/p99 latency and errors as JSON. Start the server with IKZ_RATE_LIMIT_PER_MINUTE=0
(or a high value) first, otherwise the rate limiter answers 429 on purpose.
"""

from __future__ import annotations

import argparse
import json

from assistant.evaluate.bench import bench_questions
from assistant.evaluate.load import run_load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:7860")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=100_000)
    args = parser.parse_args()
    result = run_load(args.url, bench_questions(), args.clients, args.seconds, args.max_requests)
    print(json.dumps(result.summary(), ensure_ascii=False))


if __name__ == "__main__":
    main()
