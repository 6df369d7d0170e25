"""search.spelling without a database: edit costs, the delete table, and the ranking of
rewritings against a vocabulary given by hand."""

import random

import pytest

from search import spelling
from storefront.text import fold

WORDS = {
    "buoi": 12,
    "da": 40,
    "xanh": 30,
    "mat": 25,
    "ong": 25,
    "nam": 30,
    "rom": 8,
    "son": 3,
    "ca": 60,
    "phe": 9,
    "keo": 10,
    "dua": 14,
    "nuoc": 20,
    "mam": 6,
}


def vocabulary(typed, words=WORDS):
    """What the database lookup would answer for this query."""
    folded = [fold(t) for t in typed]
    wanted = spelling.lookups(typed, folded)
    rows = [(v, w, n) for w, n in words.items() for v in spelling.deletions(w) if v in wanted]
    return spelling.Vocabulary(rows)


def alternatives(text, words=WORDS):
    typed = text.lower().split()  # as SearchQuery.terms
    folded = [fold(t) for t in typed]
    return spelling.alternatives(typed, folded, vocabulary(typed, words))


def test_edit_costs():
    assert spelling.edit_cost("xanh", "xanh") == 0
    assert spelling.edit_cost("xnah", "xanh") == spelling.TRANSPOSITION
    assert spelling.edit_cost("ron", "rom") == spelling.NEAR_KEY  # n and m are neighbours
    assert spelling.edit_cost("ron", "son") == spelling.SUBSTITUTION
    assert spelling.edit_cost("mat", "mats") == spelling.INDEL
    assert spelling.edit_cost("", "abc") == 3


def test_deletions_reach_as_far_as_the_word_allows():
    assert spelling.deletions("da") == {"da"}  # two letters: too many neighbours
    assert spelling.deletions("xanh") == {"xanh", "anh", "xnh", "xah", "xan"}
    assert "ngyn" not in spelling.deletions("nguyen")  # one for a syllable
    assert "chcolte" in spelling.deletions("chocolate")  # two for a long word
    assert spelling.max_distance("a" * 21) == 0


def test_every_single_slip_of_a_known_word_is_found():
    rng = random.Random(11)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = {w: 1 for w in ["xanh", "buoi", "nguyen", "robusta", "thuong", "ong", "atiso"]}
    for word in words:
        for _ in range(30):
            i = rng.randrange(len(word))
            slip = rng.choice(
                [
                    word[:i] + word[i + 1 :],  # a letter missed
                    word[:i] + rng.choice(letters) + word[i:],  # one too many
                    word[:i] + word[i + 1 : i + 2] + word[i : i + 1] + word[i + 2 :],  # swapped
                ]
            )
            if slip == word or slip[0] != word[0] or spelling.max_distance(slip) == 0:
                continue
            near = dict(vocabulary([slip], words).near(slip))
            assert word in near, (word, slip)


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("buoi da xnah", "buoi da xanh"),
        ("mat ogn", "mat ong"),
        ("cafe", "ca phe"),
        ("ca fe", "ca phe"),
        ("keodua", "keo dua"),
        ("Bưởi da xnah", "bưởi da xanh"),
    ],
)
def test_the_cheapest_rewriting_comes_first(typed, meant):
    assert alternatives(typed)[0].text == meant


def test_ties_are_left_to_the_index():
    """b and m are both next to n: "rob" and "rom" are offered, the index decides."""
    texts = [a.text for a in alternatives("nam ron", {**WORDS, "rob": 1})]
    assert "nam rom" in texts and "nam rob" in texts


def test_the_first_letter_is_kept_or_a_neighbour():
    texts = [a.text for a in alternatives("nam ron")]
    assert "nam son" not in texts  # s is not next to r
    assert "nuoc mam" in [a.text for a in alternatives("nuoc nam")]  # m is next to n


def test_known_words_are_kept_while_another_is_unknown():
    assert all(a.words[0] == "nam" for a in alternatives("nam ron"))


def test_a_word_typed_with_tones_is_kept():
    assert alternatives("mứt") == []


def test_alternatives_stay_within_budget():
    words = {**WORDS, "tra": 5, "thai": 5, "nguyen": 5}
    # Two words wrong of four: each alone may be offered (the index will refuse them), both
    # together cost too much.
    offered = [a.words for a in alternatives("tra xenh thai nguyon", words)]
    assert ("tra", "xanh", "thai", "nguyen") not in offered
    assert alternatives("tra xenh thai nguyen", words)[0].text == "tra xanh thai nguyen"
    assert all(a.cost <= spelling.BASE_BUDGET for a in alternatives("xnah"))


def test_the_best_is_the_cheapest_that_finds_something_then_the_commonest():
    cheap = spelling.Alternative(("a",), ("a",), 0.5, 1)
    dear = spelling.Alternative(("b",), ("b",), 1.0, 1)
    other = spelling.Alternative(("c",), ("c",), 0.5, 1)
    assert spelling.best([(cheap, 0), (dear, 3)]) is dear
    assert spelling.best([(cheap, 2), (other, 7), (dear, 20)]) is other
    assert spelling.best([(cheap, 0)]) is None
    assert spelling.best([(cheap, 2), (dear, 3)], more_than=2) is dear


@pytest.mark.parametrize(
    "typed",
    [["a" * 200], ["xnah" * 50], ["²"], ["日本語"], ["ab"] * 8, ["abcdefghijklmn"] * 8],
    ids=["long", "long-typo", "superscript", "cjk", "short-words", "long-words"],
)
def test_the_lookup_is_bounded(typed):
    strings = spelling.lookups(typed, [fold(t) for t in typed])
    assert len(strings) <= 2500
    assert all(len(s) <= spelling.MAX_WORD for s in strings)
    assert len(alternatives(" ".join(typed))) <= spelling.ALTERNATIVES_TO_CHECK


def test_a_correction_is_shown_as_the_products_found_spell_it():
    titles = ["Nấm rơm sạch Đồng Nai", "Chà bông nấm rơm", "Nam rom kho"]
    assert spelling.spelled_as_in("nam rom dong nai", titles) == "nấm rơm đồng nai"
    assert spelling.spelled_as_in("nam rom 500g", titles) == "nấm rơm 500g"
    assert spelling.spelled_as_in("bưởi xanh", titles) == "bưởi xanh"  # typed tones stay
    assert spelling.spelled_as_in("ca phe", []) == "ca phe"
