"""The MemoryDB leaderboard function, run locally: its actions, input checks and IAM token.

The Redis commands it sends go to SortedSets, an in-memory stand-in for the three sorted-set
commands it uses, with Redis's semantics for ZADD GT, ZREVRANGE and ZREVRANK (ties ordered
by member, descending). The IAM token is signed by botocore itself, as in Lambda.
"""

from __future__ import annotations

import importlib.util
from urllib.parse import parse_qs, urlsplit

import pytest
from botocore.credentials import Credentials

from generator import PATTERNS_DIR
from generator.loader import load
from generator.render.code import app_files


@pytest.fixture(scope="module")
def leaderboard(tmp_path_factory):
    files = app_files(load(PATTERNS_DIR / "memorydb-microsecond-reads.yaml").resolve())
    module_file = tmp_path_factory.mktemp("leaderboard") / "index.py"
    module_file.write_text(files["lambda/leaderboard/index.py"])
    assert files["lambda/leaderboard/requirements.txt"].split() == ["redis==7.1.0"]
    spec = importlib.util.spec_from_file_location("leaderboard_index", module_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class SortedSets:
    """ZADD (with GT), ZSCORE, ZREVRANK and ZREVRANGE as Redis defines them."""

    def __init__(self):
        self.sets: dict[str, dict[str, float]] = {}
        self.calls: list[str] = []

    def zadd(self, key, mapping, gt=False):
        self.calls.append("ZADD GT" if gt else "ZADD")
        members = self.sets.setdefault(key, {})
        added = 0
        for member, score in mapping.items():
            if member not in members:
                added += 1
                members[member] = float(score)
            elif not gt or score > members[member]:
                members[member] = float(score)
        return added

    def _ordered(self, key):
        members = self.sets.get(key, {})
        return sorted(members.items(), key=lambda item: (item[1], item[0]), reverse=True)

    def zscore(self, key, member):
        self.calls.append("ZSCORE")
        return self.sets.get(key, {}).get(member)

    def zrevrank(self, key, member):
        self.calls.append("ZREVRANK")
        names = [name for name, _ in self._ordered(key)]
        return names.index(member) if member in names else None

    def zrevrange(self, key, start, stop, withscores=False):
        self.calls.append("ZREVRANGE")
        chosen = self._ordered(key)[start : stop + 1]
        return chosen if withscores else [name for name, _ in chosen]


def test_a_submit_keeps_each_players_best_score_and_answers_its_rank(leaderboard):
    redis = SortedSets()
    for player, score in [("ada", 120), ("bob", 300), ("ada", 90), ("cy", 200)]:
        leaderboard.act(
            redis, {"action": "submit", "board": "weekly", "player": player, "score": score}
        )
    assert redis.sets["leaderboard:weekly"] == {"ada": 120, "bob": 300, "cy": 200}
    answer = leaderboard.act(
        redis, {"action": "submit", "board": "weekly", "player": "ada", "score": 250}
    )
    assert answer == {"board": "weekly", "player": "ada", "rank": 2, "score": 250}
    assert "ZADD" not in redis.calls, "every submit keeps the best score (GT)"


def test_top_lists_the_best_players_best_first_and_rank_finds_one(leaderboard):
    redis = SortedSets()
    redis.sets["leaderboard:daily"] = {"ada": 5, "bob": 9, "cy": 7}
    top = leaderboard.act(redis, {"action": "top", "board": "daily", "count": 2})
    assert top == {
        "board": "daily",
        "top": [{"rank": 1, "player": "bob", "score": 9}, {"rank": 2, "player": "cy", "score": 7}],
    }
    assert (
        leaderboard.act(redis, {"action": "rank", "board": "daily", "player": "ada"})["rank"] == 3
    )
    nobody = leaderboard.act(redis, {"action": "rank", "board": "daily", "player": "zed"})
    assert nobody == {"board": "daily", "player": "zed", "rank": None, "score": None}
    assert leaderboard.act(redis, {"action": "top", "board": "empty"}) == {
        "board": "empty",
        "top": [],
    }


@pytest.mark.parametrize(
    "event",
    [
        {"action": "delete", "board": "weekly"},
        {"action": "top", "board": "Weekly Board"},
        {"action": "top", "board": "weekly", "count": 0},
        {"action": "top", "board": "weekly", "count": True},
        {"action": "submit", "board": "weekly", "player": "ada", "score": -1},
        {"action": "submit", "board": "weekly", "player": "ada", "score": "12"},
        {"action": "submit", "board": "weekly", "player": "a d a", "score": 1},
        {"action": "rank", "board": "weekly"},
    ],
)
def test_events_it_cannot_run_are_refused_before_any_command(leaderboard, event):
    redis = SortedSets()
    with pytest.raises(leaderboard.BadRequest):
        leaderboard.act(redis, event)
    assert redis.calls == []


def test_settings_come_from_the_one_cluster_in_the_environment(leaderboard):
    environ = {
        "SCORES_ENDPOINT": "clustercfg.scores-1a2b.memorydb.eu-west-1.amazonaws.com",
        "SCORES_PORT": "6379",
        "SCORES_USER": "scores-app-1a2b",
        "SCORES_CLUSTER": "scores-1a2b",
        "AWS_REGION": "eu-west-1",
    }
    assert leaderboard.settings(environ) == {
        "host": "clustercfg.scores-1a2b.memorydb.eu-west-1.amazonaws.com",
        "port": 6379,
        "user": "scores-app-1a2b",
        "cluster": "scores-1a2b",
    }
    with pytest.raises(RuntimeError):
        leaderboard.settings({"AWS_REGION": "eu-west-1"})


def test_the_iam_token_is_a_presigned_connect_request_for_the_user(leaderboard):
    credentials = Credentials("AKIDEXAMPLE", "secret", "session-token")
    token = leaderboard.iam_token("scores-1a2b", "scores-app-1a2b", "eu-west-1", credentials)
    assert not token.startswith("http")
    parts = urlsplit("http://" + token)
    query = parse_qs(parts.query)
    assert parts.netloc == "scores-1a2b" and parts.path == "/"
    assert query["Action"] == ["connect"] and query["User"] == ["scores-app-1a2b"]
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    assert query["X-Amz-Expires"] == [str(leaderboard.TOKEN_SECONDS)] == ["900"]
    assert query["X-Amz-Credential"][0].endswith("/eu-west-1/memorydb/aws4_request")
    assert query["X-Amz-Security-Token"] == ["session-token"]
    assert len(query["X-Amz-Signature"][0]) == 64
