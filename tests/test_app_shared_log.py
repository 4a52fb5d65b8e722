"""The Fargate service's program (shared_log), run here on local folders.

Two tasks writing into one folder stand for the EFS variant (one file system, every task
mounts it); two folders stand for the EBS variant (a volume per task). The program's
report is what tells them apart in the service's logs. The ECS task metadata endpoint is
a local HTTP server. The stack tests read the synthesized catalog: the container runs
exactly this file, and writes only where a volume is mounted.
"""

from __future__ import annotations

import http.server
import json
import threading
import types
from pathlib import Path

import pytest

from generator.loader import load
from generator.render.code import generate

PATTERN = Path(__file__).parent.parent / "patterns" / "ecs-fargate-efs.yaml"
APP = "ecs/workers/shared_log.py"
TASK_ARN = "arn:aws:ecs:eu-west-1:123456789012:task/cluster/0a1b2c3d4e5f"


@pytest.fixture(scope="module")
def app() -> types.ModuleType:
    source = generate(load(PATTERN).resolve()).files[APP]
    module = types.ModuleType("shared_log")
    exec(compile(source, APP, "exec"), module.__dict__)
    return module


def test_the_task_id_is_the_last_part_of_its_arn(app):
    assert app.task_id_from_metadata({"TaskARN": TASK_ARN}) == "0a1b2c3d4e5f"
    assert app.task_id_from_metadata({}) == ""


def test_the_task_id_comes_from_the_metadata_endpoint(app):
    class Metadata(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the handler's name)
            assert self.path == "/v4/abc/task"
            body = json.dumps({"TaskARN": TASK_ARN, "Family": "workers"}).encode()
            self.send_response(200)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Metadata)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        uri = f"http://127.0.0.1:{server.server_port}/v4/abc"
        assert app.own_task_id({"ECS_CONTAINER_METADATA_URI_V4": uri}) == "0a1b2c3d4e5f"
    finally:
        server.shutdown()


def test_outside_ecs_the_task_is_named_after_the_host(app):
    assert app.own_task_id({}) == __import__("socket").gethostname()


def test_tasks_sharing_a_file_system_see_each_other(app, tmp_path):
    now = 1_800_000_000.0
    first = app.run_round([tmp_path], "task-a", 60, now)
    assert first == [f"{tmp_path}: 1 task(s) writing here; this one is task-a; others: none"]
    second = app.run_round([tmp_path], "task-b", 60, now + 1)
    assert second == [f"{tmp_path}: 2 task(s) writing here; this one is task-b; others: task-a"]
    log = (tmp_path / "tasks" / "task-a.log").read_text()
    assert log == "2027-01-15T08:00:00Z task-a\n"


def test_tasks_with_a_volume_each_see_only_themselves(app, tmp_path):
    own_a, own_b = tmp_path / "a", tmp_path / "b"
    now = 1_800_000_000.0
    app.run_round([own_a], "task-a", 60, now)
    assert app.run_round([own_b], "task-b", 60, now)[0].endswith("this one is task-b; others: none")
    assert app.tasks_present(own_a, now, 60) == ["task-a"]


def test_a_task_that_stopped_writing_is_no_longer_counted(app, tmp_path):
    now = 1_800_000_000.0
    app.write_heartbeat(tmp_path, "gone", now - (app.ROUNDS_PRESENT * 60 + 1))
    app.write_heartbeat(tmp_path, "alive", now)
    (tmp_path / "tasks" / "empty.log").write_text("")
    assert app.tasks_present(tmp_path, now, 60) == ["alive"]


def test_a_new_volume_holds_no_task_yet(app, tmp_path):
    assert app.tasks_present(tmp_path, 0.0, 60) == []


def test_a_round_appends_one_line_per_directory(app, tmp_path):
    dirs = [tmp_path / "shared", tmp_path / "task"]
    for round_number in range(3):
        lines = app.run_round(dirs, "t", 10, 1_800_000_000.0 + round_number)
        assert len(lines) == 2
    for d in dirs:
        assert len((d / "tasks" / "t.log").read_text().splitlines()) == 3


def test_the_program_needs_an_interval_and_a_directory(app):
    with pytest.raises(SystemExit, match="usage"):
        app.main(["60"])


def ecs_variants(synthesized):
    found = {k: v for k, v in synthesized.items() if k.startswith("ecs-fargate-efs[")}
    assert found, "the catalog has no ecs-fargate-efs variant"
    return found


def resources(template, kind):
    return [r["Properties"] for r in template["Resources"].values() if r["Type"] == kind]


def test_the_container_runs_this_file_and_writes_only_where_a_volume_is(synthesized):
    for key, item in ecs_variants(synthesized).items():
        (task,) = resources(item.template, "AWS::ECS::TaskDefinition")
        (container,) = task["ContainerDefinitions"]
        command = container["Command"]
        assert command[:3] == ["python", "-u", "-c"], key
        assert command[3] == (item.code_dir / APP).read_text(), key
        mounted = sorted(m["ContainerPath"] for m in container["MountPoints"])
        assert sorted(command[5:]) == mounted and mounted, key
        assert container["ReadonlyRootFilesystem"] is True


def test_only_the_task_role_may_mount_the_file_system_and_only_with_tls(synthesized):
    """CDK would add an allow for every IAM principal; the file system policy only denies."""
    checked = 0
    for item in ecs_variants(synthesized).values():
        for fs in resources(item.template, "AWS::EFS::FileSystem"):
            statements = fs["FileSystemPolicy"]["Statement"]
            assert [s["Effect"] for s in statements] == ["Deny"]
            assert statements[0]["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
            (volume,) = resources(item.template, "AWS::ECS::TaskDefinition")[0]["Volumes"]
            config = volume["EFSVolumeConfiguration"]
            assert config["TransitEncryption"] == "ENABLED"
            assert config["AuthorizationConfig"]["IAM"] == "ENABLED"
            checked += 1
    assert checked == 1
