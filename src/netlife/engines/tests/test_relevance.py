from hypothesis import given
from hypothesis import strategies as st

from netlife.engines.relevance import MAX_TERMS, Relevance, goal_terms, relevance


def test_goal_terms_keep_what_the_goal_is_about():
    assert goal_terms(
        "An engineering or product leadership role at a climate-tech company"
    ) == ("engineering", "product", "leadership", "climate", "tech")


def test_goal_terms_drop_the_words_of_every_job_search():
    assert goal_terms("Looking for a new senior role in a remote team") == ()


def test_goal_terms_drop_short_words():
    assert goal_terms("AI or ML in EV batteries") == ("batteries",)


def test_goal_terms_drop_repeats_and_keep_the_first_order():
    assert goal_terms("Solar, wind, solar storage and WIND") == (
        "solar",
        "wind",
        "storage",
    )


def test_goal_terms_fold_case_and_accents():
    assert goal_terms("Énergie RENOUVELABLE à Zürich") == (
        "energie",
        "renouvelable",
        "zurich",
    )


def test_goal_terms_are_capped():
    many = " ".join(f"term{chr(97 + i)}" for i in range(12))
    assert len(goal_terms(many)) == MAX_TERMS
    assert goal_terms(many)[0] == "terma"


def test_no_terms_means_no_relevance():
    assert relevance((), ["Product Manager at ClimateWorks"]) == Relevance(0.0, ())


def test_relevance_is_the_share_of_terms_matched():
    found = relevance(
        ("climate", "product", "leadership", "energy"),
        ["Product Manager", "ClimateWorks"],
    )
    assert found == Relevance(0.5, ("climate", "product"))


def test_relevance_keeps_the_goal_order_of_matched_terms():
    found = relevance(("tech", "product"), ["Product lead", "TechCorp"])
    assert found.matched == ("tech", "product")


def test_matching_ignores_case_and_accents():
    assert relevance(("energie",), ["Énergie Solaire SA"]).score == 1.0
    assert relevance(("energie",), ["ENERGIE"]).score == 1.0
    # A goal typed with accents matches a title typed without.
    assert relevance(goal_terms("énergie"), ["Energie Co"]).score == 1.0


def test_matching_is_by_word_start():
    assert relevance(("tech",), ["TechCorp"]).score == 1.0
    assert relevance(("tech",), ["Climate-tech startup"]).score == 1.0
    assert relevance(("art",), ["Stuttgart"]).score == 0.0
    assert relevance(("art",), ["Bosch, Stuttgart office"]).score == 0.0
    assert relevance(("art",), ["Art director"]).score == 1.0


def test_a_term_longer_than_the_word_does_not_match():
    assert relevance(("products",), ["Product"]).score == 0.0


def test_no_texts_means_no_relevance():
    assert relevance(("climate",), []).score == 0.0
    assert relevance(("climate",), ["", "   "]).score == 0.0


@given(goal=st.text(), texts=st.lists(st.text(), max_size=5))
def test_relevance_is_always_between_zero_and_one(goal, texts):
    terms = goal_terms(goal)
    found = relevance(terms, texts)
    assert 0.0 <= found.score <= 1.0
    assert set(found.matched) <= set(terms)


@given(terms=st.lists(st.text(min_size=1), max_size=8), texts=st.lists(st.text()))
def test_relevance_of_any_terms_is_between_zero_and_one(terms, texts):
    assert 0.0 <= relevance(tuple(terms), texts).score <= 1.0


@given(goal=st.text())
def test_goal_terms_are_distinct_long_and_not_noise(goal):
    terms = goal_terms(goal)
    assert len(terms) == len(set(terms)) <= MAX_TERMS
    assert all(len(t) >= 3 for t in terms)
    assert not {"role", "job", "company", "looking"} & set(terms)
