"""comparer's command line, for running from a checkout: ``python cli.py`` or ``python -m cli``.

The commands live in :mod:`comparer.cli`; installing comparer puts only the ``comparer``
package and its ``comparer`` console script on the path, no top-level ``cli`` module.
"""

from comparer.cli import cli, main

__all__ = ["cli", "main"]

if __name__ == "__main__":
    main()
