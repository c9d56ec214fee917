"""Writes fnmatch-parity.jsonl: [pattern, path, matched] triples as Python's fnmatch decides them,
which is how in-toto matches artifact rule patterns (fnmatch.filter on POSIX). Run with the Python
that in-toto uses: python3 fnmatch-parity.py > fnmatch-parity.jsonl"""
import fnmatch
import json
import random

rng = random.Random(20261202)
PATTERN_CHARS = ["a", "b", "c", "z", "/", ".", "-", "[", "]", "!", "^", "\\", "*", "?", "&", "\u00e9", "\U0001F600", "\n"]
PATH_CHARS = ["a", "b", "c", "z", "/", ".", "-", "[", "]", "!", "^", "\\", "*", "?", "&", "\u00e9", "\U0001F600", "\n"]
FIXED = [
    ("*", ".hidden/dir/file"), ("*", ""), ("", ""), ("", "a"), ("?", "\U0001F600"), ("??", "\U0001F600"),
    ("[\U0001F600]", "\U0001F600"), ("[a-\U0001F600]", "\u00e9"), ("a*", "a/b/c"), ("*/c", "a/b/c"),
    ("[!a]", "\n"), ("?", "\n"), ("*", "\n"), ("[c-b-a]", "-"), ("[c-b-a]", "a"), ("[c-b-a]", "b"),
    ("[a--b]", "b"), ("[a--b]", "a"), ("[a--b]", "-"), ("[z-a]", "m"), ("[!z-a]", "m"), ("[!b-ac]", "c"),
    ("[!b-ac]", "d"), ("[]-a]", "^"), ("[]-a]", "]"), ("[a-]", "-"), ("[-a]", "-"), ("[!]]", "]"),
    ("[!]]", "a"), ("[]", "[]"), ("[!]", "[!]"), ("[^a]", "^"), ("[^a]", "b"), ("[a-c-e]", "-"),
    ("[a-c-e]", "d"), ("[\\]", "\\"), ("[a&&b]", "&"), ("[x-z-a]", "-"), ("[b-a-c]", "-"), ("[b-a-c]", "b"),
    ("[!-]", "-"), ("[--]", "-"), ("[---]", "-"), ("[a-b-]", "-"), ("[c-a!b]", "x"), ("[c-a!b]", "b"),
    ("a[b", "a[b"), ("a[", "a["), ("[", "["), ("]", "]"), ("[[]", "["), ("[!", "[!"), ("file?.[ch]", "file1.c"),
    ("*.TXT", "a.txt"), ("a.b", "axb"), ("**", "x"), ("a**b", "ab"), ("*a*a*a*a*b", "a" * 40),
    ("*a*a*a*a*b", "a" * 40 + "b"), ("[a-c]x", "bx"), ("\\*", "\\*"), ("\\*", "*"),
]


def rand(chars, n):
    return "".join(rng.choice(chars) for _ in range(n))


cases = list(FIXED)
while len(cases) < 4000:
    pattern = rand(PATTERN_CHARS, rng.randint(0, 7))
    if rng.random() < 0.5:
        # a path drawn from the pattern's own characters, so that matches are common
        pool = [c for c in pattern if c not in "*?[]!"] or PATH_CHARS
        path = rand(pool + ["a", "/"], rng.randint(0, 7))
    else:
        path = rand(PATH_CHARS, rng.randint(0, 7))
    cases.append((pattern, path))
    if rng.random() < 0.3:
        cases.append((pattern, pattern))

for pattern, path in cases:
    print(json.dumps([pattern, path, bool(fnmatch.filter([path], pattern))]))
