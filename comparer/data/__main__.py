"""``python -m comparer.data``: rebuild the shipped JSON tables from their YAML sources."""

from comparer.data import build

if __name__ == "__main__":
    build()
