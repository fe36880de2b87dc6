"""Comments and indentation left out of the scripts and stylesheets the server bundles.

About a quarter of the page's script is comments, and they travel to every student's browser.
The sources keep them; only the bundles (app/assets.py, the standalone file) drop them.

Nothing here rewrites code. A script is parsed by tree-sitter's JavaScript grammar into its
tokens; strings, template literals and regular expressions count as one token each, so a `//`
or `/*` inside them stays. Every token is kept as written. Only the gaps between tokens change,
and a gap holds nothing but whitespace and comments: a gap with a line break in it (or a line
comment, or a block comment spanning lines) becomes one line break, which keeps automatic
semicolon insertion as it was; any other non-empty gap becomes one space. When the parser
reports a syntax error, or a gap holds anything else, the script goes out as it is: a file the
parser cannot account for is never changed.

A stylesheet is tokenized by tinycss2, and serialised again without its comment tokens.
"""

from __future__ import annotations

import re
from functools import lru_cache

import tinycss2
import tree_sitter_javascript
from tree_sitter import Language, Parser

# Tokens taken whole: their text (line breaks, `//`, `/*` included) is the program's data.
_WHOLE = frozenset({"string", "template_string", "regex", "comment"})
_BLANK = re.compile(rb"[ \t\r\n\f\v]*")


@lru_cache(maxsize=1)
def _parser() -> Parser:
    return Parser(Language(tree_sitter_javascript.language()))


def _tokens(source: bytes) -> list[tuple[int, int, bool]] | None:
    """(start, end, is_comment) of every token in order, or None when the parser found an error."""
    tree = _parser().parse(source)
    if tree.root_node.has_error:
        return None
    tokens: list[tuple[int, int, bool]] = []
    cursor = tree.walk()
    while True:
        node = cursor.node
        assert node is not None
        if node.type in _WHOLE or node.child_count == 0:
            if node.end_byte > node.start_byte:
                tokens.append((node.start_byte, node.end_byte, node.type == "comment"))
        elif cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return tokens


def strip_javascript(source: str) -> str:
    """`source` without its comments and indentation; unchanged when it cannot be accounted for."""
    data = source.encode("utf-8")
    tokens = _tokens(data)
    if tokens is None:
        return source
    out: list[bytes] = []
    position, spaced, broken = 0, False, False  # the gap so far: any blank or comment; a line break
    for start, end, is_comment in tokens + [(len(data), len(data), False)]:
        gap = data[position:start]
        if start < position or _BLANK.fullmatch(gap) is None:
            return source  # overlapping tokens, or text no token accounts for
        spaced = spaced or bool(gap) or is_comment
        broken = broken or b"\n" in gap
        if is_comment:
            text = data[start:end]
            broken = broken or text.startswith(b"//") or b"\n" in text
        else:
            separator = b"\n" if broken else b" " if spaced else b""
            out += [separator if out else b"", data[start:end]]
            spaced = broken = False
        position = end
    return b"".join(out).decode("utf-8") + "\n"


def strip_stylesheet(source: str) -> str:
    """`source` without its comments (and the whitespace runs that held them)."""
    tokens = tinycss2.parse_component_value_list(source, skip_comments=True)
    text = tinycss2.serialize(tokens)
    # CSS strings cannot hold a raw line break, so every line's edges are blank space.
    return re.sub(r"[ \t]*\n\s*", "\n", text).strip() + "\n"
