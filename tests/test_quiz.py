"""The self-test: its questions and answers are the patterns' own data, in the terminal too."""

from __future__ import annotations

from conftest import CATALOG

from generator.quiz import questions, select

FILES = [p.file for p in CATALOG]


def test_a_question_per_scenario_and_per_alternative_answered_from_the_data():
    found = questions(FILES)
    assert len(found) == sum(
        len(f.teaching.when_to_use) + len(f.teaching.alternatives) for f in FILES
    )
    assert len({q.id for q in found}) == len(found)
    by_id = {f.id: f for f in FILES}
    for q in found:
        if q.kind == "scenario":
            owners = [f.id for f in FILES if any(w in q.prompt for w in f.teaching.when_to_use)]
            assert owners == [q.answer], q.id
            assert set(q.options) == set(by_id) and q.answer in q.options
        else:
            f = by_id[q.pattern]
            alt = next(a for a in f.teaching.alternatives if a.why_not == q.answer)
            assert q.prompt.endswith(alt.instead)
            assert q.sources == tuple(alt.source or ())


def test_select_filters_by_topic_and_is_seeded():
    found = questions(FILES)
    topic = FILES[0].topics[0]
    on_topic = select(found, (topic,))
    assert on_topic and all(topic in q.topics for q in on_topic)
    assert select(found, count=3, seed=7) == select(found, count=3, seed=7)
    assert len(select(found, count=3, seed=7)) == 3


def test_quiz_command_prints_the_answers_the_data_gives(run):
    pattern = CATALOG[0].file
    topic = pattern.topics[0]
    result = run("quiz", "--topic", topic, "--seed", "1")
    assert result.exit_code == 0, result.output
    expected = [q for q in questions(FILES) if topic in q.topics]
    assert result.output.count("   Answer: ") == len(expected)
    for q in expected:
        if q.kind == "scenario":
            title = next(f.title for f in FILES if f.id == q.answer)
            answer = f"{title} ({q.answer})"
        else:
            answer = q.answer
        assert f"   Answer: {answer}" in result.output


def test_quiz_with_an_unknown_topic_is_a_one_line_error(run):
    result = run("quiz", "--topic", "T99")
    assert result.exit_code == 2 and "unknown topic 'T99'" in result.output
