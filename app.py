"""`python app.py`: update the index from corpus/ if needed, then serve UI, API and widget on IKZ_HOST:IKZ_PORT."""

from assistant.cli import app

if __name__ == "__main__":
    app(["serve"])
