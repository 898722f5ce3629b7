"""Python names that jsii-pacmak gives to jsii submodules and properties.

The generated bindings spell a jsii name in snake_case and append an underscore
to Python keywords. These helpers repeat that conversion, so the index can name
modules and keyword arguments without importing the bindings.
"""

from __future__ import annotations

import re

# The keyword list jsii-pacmak escapes (the Python 3 keywords). It is fixed here
# rather than taken from `keyword.kwlist`, so the result does not depend on the
# Python version that builds the index. Soft keywords (`match`, `case`, `type`)
# are not escaped by the generator.
PYTHON_KEYWORDS = frozenset(
    {
        "False", "None", "True", "and", "as", "assert", "async", "await",
        "break", "class", "continue", "def", "del", "elif", "else", "except",
        "finally", "for", "from", "global", "if", "import", "in", "is",
        "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
        "while", "with", "yield",
    }
)  # fmt: skip

# A word starts at an upper-case letter that follows a lower-case letter or a
# digit ("s3Bucket", "m3U8Settings"), or at the last capital of an upper-case
# run that is followed by a lower-case letter ("HTTPServer" -> "http_server").
_WORD_START = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def snake_case(name: str) -> str:
    """Convert a camelCase jsii name to snake_case ("s3BucketVersioning")."""
    if name.upper() == name:
        return name.lower()
    return _WORD_START.sub("_", name).lower()


def python_identifier(name: str) -> str:
    """Append an underscore to a Python keyword, as the generated bindings do."""
    if name in PYTHON_KEYWORDS:
        return f"{name}_"
    return name


def python_name(camel: str) -> str:
    """Return the Python keyword argument for a jsii property name."""
    return python_identifier(snake_case(camel))


def python_module(namespace: str) -> str:
    """Return the Python submodule for a jsii submodule ("a.bC" -> "a.b_c")."""
    return ".".join(python_name(part) for part in namespace.split("."))
