"""What a shopper probably meant: corrections of a query from the words the index holds.

The database backend keeps a vocabulary of the index's words, folded to ASCII ("bưởi" ->
"buoi", "đ" -> "d"), each stored with the strings left after deleting one or two of its
letters (a "delete table", as in SymSpell). A typed word's own deletions, looked up in that
table, reach every word within that edit distance in one indexed query, whatever the size
of the vocabulary. Vietnamese syllables are at most seven letters long, too short for
trigrams: "xnah" shares a single trigram with "xanh", but a deletion ("xah") with it.

This module is pure Python: it says which strings to look up, and ranks the alternatives
the lookup finds; the backend checks the best few against the index before using one.
"""

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from storefront.text import fold

MIN_WORD = 2  # one letter is a word being typed, not a typo
MAX_WORD = 20  # longer runs of letters are not words
MAX_CORRECTED_POSITIONS = 4  # words of one query that may be replaced
CANDIDATES_PER_WORD = 4
ALTERNATIVES_TO_CHECK = 8
BEAM = 32

WORD = re.compile(r"[a-z]+")
# Letters Vietnamese does not write, typed for the sound (teen code, loanwords): f = ph,
# j = gi, z = d. Only tried on words the index does not know.
SOUND_SPELLINGS = (("f", "ph"), ("j", "gi"), ("z", "d"))
# What each kind of change costs; a word may be changed up to `max_distance` of it.
SUBSTITUTION, NEAR_KEY, TRANSPOSITION, INDEL = 1.0, 0.75, 0.75, 1.0
RESPELLING, SPLIT, JOIN = 0.5, 0.25, 0.25
# A rewriting may cost one edit, and a quarter more for each further word: "tra xenh thai
# nguyon" is not a typo of "trà xanh Thái Nguyên" but another query.
BASE_BUDGET, BUDGET_PER_WORD = 1.0, 0.25

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEAR = {
    (row[i], row[j])
    for row in _ROWS
    for i in range(len(row))
    for j in (i - 1, i + 1)
    if 0 <= j < len(row)
}


def vocabulary_words(folded_text):
    """The words of a document's folded text that the vocabulary keeps."""
    return {w for w in WORD.findall(folded_text.lower()) if MIN_WORD <= len(w) <= MAX_WORD}


def max_distance(word):
    """Edits allowed to a word of this length: none for two letters ("da" has too many
    neighbours), one for a syllable, two for a long (mostly foreign) word."""
    if len(word) < 3 or len(word) > MAX_WORD:
        return 0
    return 1 if len(word) <= 7 or len(word) > 14 else 2


def deletions(word, distance=None):
    """The word and every string left after deleting up to `distance` of its letters."""
    distance = max_distance(word) if distance is None else distance
    found, frontier = {word}, {word}
    for _ in range(distance):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def edit_cost(a, b):
    """Weighted optimal-string-alignment distance: a swapped pair or a neighbouring key
    costs less than any other letter (they are the usual slips on a phone keyboard)."""
    prev2, prev = None, [float(j) for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        row = [float(i)] + [0.0] * len(b)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                sub = 0.0
            elif (a[i - 1], b[j - 1]) in _NEAR:
                sub = NEAR_KEY
            else:
                sub = SUBSTITUTION
            row[j] = min(prev[j] + INDEL, row[j - 1] + INDEL, prev[j - 1] + sub)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + TRANSPOSITION)
        prev2, prev = prev, row
    return prev[-1]


def respelled(word):
    for sound, spelling in SOUND_SPELLINGS:
        word = word.replace(sound, spelling)
    return word


def _forms(folded):
    """(form, cost) to try for a typed word: as typed, and respelled for its sound."""
    forms = [(folded, 0.0)]
    other = respelled(folded)
    if other != folded and len(other) <= MAX_WORD:
        forms.append((other, RESPELLING))
    return forms


def _correctable(folded):
    return bool(WORD.fullmatch(folded)) and MIN_WORD <= len(folded) <= MAX_WORD


def _changeable(typed_terms, folded_terms):
    """Positions of the words a correction may touch: words of letters, typed without
    tones (whoever typed "mứt" with its tone meant mứt, not mật)."""
    return [i for i, t in enumerate(folded_terms) if _correctable(t) and typed_terms[i] == t]


def lookups(typed_terms, folded_terms):
    """Every string whose vocabulary entries the correction may need, for one query."""
    wanted = set()
    changeable = set(_changeable(typed_terms, folded_terms)[: MAX_CORRECTED_POSITIONS * 2])
    correctable = [t if i in changeable else None for i, t in enumerate(folded_terms)]
    for term in correctable:
        if term is None:
            continue
        for form, _cost in _forms(term):
            wanted |= deletions(form)
            wanted |= {form[:k] for k in range(MIN_WORD, len(form) - 1)}
            wanted |= {form[k:] for k in range(MIN_WORD, len(form) - 1)}
    for first, second in itertools.pairwise(correctable):
        if first and second and len(first + second) <= MAX_WORD:
            wanted |= {form for form, _cost in _forms(first + second)}
    return wanted


@dataclass(frozen=True)
class Alternative:
    words: tuple  # folded words to search for
    display: tuple  # what to show: the typed word where it was kept
    cost: float
    documents: int  # of its rarest word: how common the alternative is

    @property
    def text(self):
        return " ".join(self.display)


class Vocabulary:
    """The lookup's answer: the words reached from each looked-up string, and how many
    documents hold each word."""

    def __init__(self, rows):
        self.by_variant = {}
        self.documents = {}
        for variant, word, documents in rows:
            self.by_variant.setdefault(variant, []).append(word)
            self.documents[word] = documents

    def knows(self, word):
        return self.documents.get(word, 0) > 0

    def near(self, form):
        """(word, cost) of the vocabulary words within reach of this form. The first letter
        is kept, or is its neighbour on the keyboard ("nam" for "mam"): slips happen inside a
        word, and "buoi" is not a typo of "muoi" (Elasticsearch: prefix_length 1)."""
        allowed = max_distance(form)
        if not allowed:
            return []
        seen = {
            w
            for v in deletions(form)
            for w in self.by_variant.get(v, ())
            if w[0] == form[0] or (form[0], w[0]) in _NEAR
        }
        found = []
        for word in seen - {form}:
            cost = edit_cost(form, word)
            if cost <= min(allowed, max_distance(word)):
                found.append((word, cost))
        return found


def _segments(typed, folded, i, vocabulary, changing, changeable):
    """(words consumed, folded words, display words, cost) for the words from position i."""
    term, shown = folded[i], typed[i]
    out = [(1, (term,), (shown,), 0.0)]  # kept: a number, a half-typed last word, a name
    if i not in changing:
        return out
    found = []
    for form, form_cost in _forms(term):
        if vocabulary.knows(form) and form != term:
            found.append((1, (form,), (form,), form_cost))
        for word, cost in vocabulary.near(form):
            found.append((1, (word,), (word,), form_cost + cost))
        for k in range(MIN_WORD, len(form) - 1):
            left, right = form[:k], form[k:]
            if vocabulary.knows(left) and vocabulary.knows(right):
                found.append((1, (left, right), (left, right), form_cost + SPLIT))
    if i + 1 in changeable:
        for form, form_cost in _forms(term + folded[i + 1]):
            if vocabulary.knows(form):
                found.append((2, (form,), (form,), form_cost + JOIN))
    found.sort(key=lambda s: (s[3], -min(vocabulary.documents.get(w, 0) for w in s[1])))
    return out + found[:CANDIDATES_PER_WORD]


def alternatives(typed_terms, folded_terms, vocabulary):
    """The cheapest rewritings of the query that change something, best first."""
    n = len(folded_terms)
    changeable = _changeable(typed_terms, folded_terms)
    unknown = [i for i in changeable if not vocabulary.knows(folded_terms[i])]
    # Every word is a known one, and together they find nothing: one of them is a typo
    # that happens to be a word too ("nuoc nam" for "nuoc mam").
    changing = set((unknown or changeable)[:MAX_CORRECTED_POSITIONS])
    budget = BASE_BUDGET + BUDGET_PER_WORD * (n - 1)
    beams = {0: [((), (), 0.0, None)]}
    for i in range(n):
        states = sorted(beams.pop(i, []), key=lambda s: s[2])[:BEAM]
        segments = _segments(typed_terms, folded_terms, i, vocabulary, changing, set(changeable))
        for words, display, cost, docs in states:
            for used, seg_words, seg_display, seg_cost in segments:
                seg_docs = min(vocabulary.documents.get(w, 0) for w in seg_words)
                beams.setdefault(i + used, []).append(
                    (
                        words + seg_words,
                        display + seg_display,
                        cost + seg_cost,
                        seg_docs if docs is None else min(docs, seg_docs),
                    )
                )
    done, seen = [], {tuple(folded_terms)}
    for words, display, cost, docs in sorted(beams.get(n, []), key=lambda s: (s[2], -(s[3] or 0))):
        if words not in seen and cost <= budget:
            seen.add(words)
            done.append(Alternative(words, display, cost, docs or 0))
    return done[:ALTERNATIVES_TO_CHECK]


def best(checked, more_than=0):
    """The alternative to use, from (alternative, documents it finds) pairs: the cheapest
    that finds more than `more_than`, then the one that finds most (its words belong
    together)."""
    found = [(alt, n) for alt, n in checked if n > more_than]
    if not found:
        return None
    return min(found, key=lambda pair: (pair[0].cost, -pair[1]))[0]


def spelled_as_in(text, titles):
    """The corrected text with each word typed without tones spelled as the titles of
    what it found spell it most often ("nam rom" -> "nấm rơm"): the vocabulary is folded,
    and a shopper reads Vietnamese with its tones."""
    spellings = {}
    for title in titles:
        for word in re.findall(r"\w+", title.lower()):
            spellings.setdefault(fold(word), Counter())[word] += 1
    return " ".join(
        spellings[w].most_common(1)[0][0] if w == fold(w) and w in spellings else w
        for w in text.split()
    )
