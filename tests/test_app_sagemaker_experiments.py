"""The sagemaker-experiments pattern's training script and launcher, without an AWS account.

Both are the files the pattern ships, rendered for each tracker. The SageMaker calls
(DescribeDomain, CreateTrial, CreateTrainingJob, UpdateTrialComponent, BatchPutMetrics)
run against botocore's Stubber, which also checks every request against the service
model; the MLflow tracker runs against a fake transport that answers like MLflow's
REST API and records each request, with its SigV4 signature.
"""

from __future__ import annotations

import importlib.util
import json
from datetime import UTC, datetime

import boto3
import pytest
from botocore.credentials import Credentials
from botocore.stub import ANY, Stubber

from generator.loader import load_all
from generator.render.code import app_files

PATTERN = "sagemaker-experiments"
DOMAIN = {
    "DomainId": "d-abc123",
    "SubnetIds": ["subnet-1", "subnet-2"],
    "KmsKeyId": "key-1",
    "DefaultUserSettings": {"SecurityGroups": ["sg-1"]},
}
REQUEST_KEYS = [
    "TrainingJobName",
    "RoleArn",
    "AlgorithmSpecification",
    "HyperParameters",
    "InputDataConfig",
    "OutputDataConfig",
    "ResourceConfig",
    "VpcConfig",
    "StoppingCondition",
    "Environment",
]
ROWS = "x,y\n0,1\n1,3\n2,5\n3,7\n"


def module(tmp_path_factory, tracker: str, name: str):
    pattern = next(p for p in load_all() if p.id == PATTERN)
    files = app_files(pattern.resolve({"tracker": tracker}))
    folder = tmp_path_factory.mktemp(f"{tracker}-{name}")
    for path, text in files.items():
        if path.startswith("sagemaker/training/"):
            (folder / path.rsplit("/", 1)[1]).write_text(text)
    spec = importlib.util.spec_from_file_location(f"{tracker}_{name}", folder / f"{name}.py")
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


@pytest.fixture(scope="module")
def train(tmp_path_factory):
    return module(tmp_path_factory, "experiments", "train")


@pytest.fixture(scope="module")
def launch_experiments(tmp_path_factory):
    return module(tmp_path_factory, "experiments", "launch")


@pytest.fixture(scope="module")
def launch_mlflow(tmp_path_factory):
    return module(tmp_path_factory, "mlflow", "launch")


def ml_folder(tmp_path, rows: str = ROWS, hyperparameters: dict | None = None):
    (tmp_path / "input" / "data" / "train").mkdir(parents=True)
    (tmp_path / "input" / "config").mkdir(parents=True)
    (tmp_path / "input" / "data" / "train" / "part-1.csv").write_text(rows)
    params = hyperparameters or {"epochs": "200", "learning_rate": "0.05"}
    (tmp_path / "input" / "config" / "hyperparameters.json").write_text(json.dumps(params))
    return tmp_path


def clients():
    sagemaker = boto3.client("sagemaker", region_name="eu-west-1")
    metrics = boto3.client("sagemaker-metrics", region_name="eu-west-1")
    return sagemaker, metrics


def test_fit_finds_the_line_and_its_loss_falls(train):
    steps = list(train.fit([(0, 1), (1, 3), (2, 5), (3, 7)], 300, 0.05))
    _, w, b, loss = steps[-1]
    assert w == pytest.approx(2, abs=0.05) and b == pytest.approx(1, abs=0.1)
    assert steps[0][3] > loss


def test_hyperparameters_arrive_as_strings_and_are_typed(train, tmp_path):
    path = tmp_path / "hp.json"
    path.write_text(json.dumps({"epochs": "7", "learning_rate": "0.5"}))
    assert train.read_hyperparameters(path) == {"epochs": 7, "learning_rate": 0.5}


def test_experiments_tracker_logs_parameters_then_metrics_ten_at_a_time(train, tmp_path):
    sagemaker, metrics = clients()
    component = "exp-r1-aws-training-job"
    when = datetime(2026, 12, 2, tzinfo=UTC)
    with Stubber(sagemaker) as sm, Stubber(metrics) as mx:
        sm.add_response(
            "update_trial_component",
            {},
            {
                "TrialComponentName": component,
                "Parameters": {
                    "epochs": {"NumberValue": 25},
                    "learning_rate": {"NumberValue": 0.05},
                    "rows": {"NumberValue": 4},
                },
            },
        )
        for _batch_of_ten_or_fewer in range(3):
            mx.add_response(
                "batch_put_metrics", {}, {"TrialComponentName": component, "MetricData": ANY}
            )
        tracker = train.ExperimentsTracker(component, sagemaker, metrics)
        folder = ml_folder(tmp_path, hyperparameters={"epochs": "25", "learning_rate": "0.05"})
        model = train.run(folder, tracker, now=lambda: when)
        sm.assert_no_pending_responses()
        mx.assert_no_pending_responses()
    assert json.loads((folder / "model" / "model.json").read_text()) == model


def test_a_refused_metric_fails_the_job(train):
    sagemaker, metrics = clients()
    with Stubber(metrics) as mx:
        mx.add_response(
            "batch_put_metrics",
            {"Errors": [{"Code": "VALIDATION_ERROR", "MetricIndex": 0}]},
            {"TrialComponentName": "c", "MetricData": ANY},
        )
        tracker = train.ExperimentsTracker("c", sagemaker, metrics)
        with pytest.raises(RuntimeError, match="refused"):
            tracker.log_metrics([("train:loss", 1.0, 1, datetime.now(UTC))])


def test_no_training_data_fails_before_anything_is_tracked(train, tmp_path):
    sagemaker, metrics = clients()
    with Stubber(sagemaker), Stubber(metrics):
        with pytest.raises(ValueError, match="no rows"):
            train.run(
                ml_folder(tmp_path, rows="x,y\n"), train.ExperimentsTracker("c", sagemaker, metrics)
            )


class FakeMlflow:
    """Answers like MLflow's REST API; records (method, path, headers, body)."""

    def __init__(self, experiment_exists: bool):
        self.experiment_exists = experiment_exists
        self.requests = []

    def __call__(self, method, url, headers, body):
        path = url.split("/api/2.0/mlflow/", 1)[1]
        self.requests.append((method, path, headers, json.loads(body) if body else None))
        if path.startswith("experiments/get-by-name"):
            if not self.experiment_exists:
                return 404, {"error_code": "RESOURCE_DOES_NOT_EXIST"}
            return 200, {"experiment": {"experiment_id": "7"}}
        if path == "experiments/create":
            return 200, {"experiment_id": "8"}
        if path == "runs/create":
            return 200, {"run": {"info": {"run_id": "run-1"}}}
        return 200, {}


ARN = "arn:aws:sagemaker:eu-west-1:111122223333:mlflow-tracking-server/stack-mlflow"


def mlflow_tracker(train, send):
    return train.MlflowTracker(
        ARN, "linear-fit", "r1", Credentials("AKID", "SECRET"), send=send, clock=lambda: 1.5
    )


def test_mlflow_tracker_creates_the_experiment_then_a_run_and_logs_in_batches(train, tmp_path):
    fake = FakeMlflow(experiment_exists=False)
    train.run(
        ml_folder(tmp_path),
        mlflow_tracker(train, fake),
        now=lambda: datetime(2026, 1, 1, tzinfo=UTC),
    )
    paths = [(m, p.split("?")[0]) for m, p, _, _ in fake.requests]
    assert paths == [
        ("GET", "experiments/get-by-name"),
        ("POST", "experiments/create"),
        ("POST", "runs/create"),
        ("POST", "runs/log-batch"),
        ("POST", "runs/log-batch"),
        ("POST", "runs/update"),
    ]
    create_run, params, metrics, update = (r[3] for r in fake.requests[2:])
    assert create_run == {"experiment_id": "8", "run_name": "r1", "start_time": 1500}
    assert {p["key"]: p["value"] for p in params["params"]} == {
        "epochs": "200",
        "learning_rate": "0.05",
        "rows": "4",
    }
    assert len(metrics["metrics"]) == 200 and metrics["metrics"][0]["step"] == 1
    assert update == {"run_id": "run-1", "status": "FINISHED", "end_time": 1500}


def test_mlflow_requests_are_signed_for_sagemaker_mlflow_and_name_the_server(train):
    fake = FakeMlflow(experiment_exists=True)
    tracker = mlflow_tracker(train, fake)
    tracker.start()
    method, path, headers, _ = fake.requests[0]
    assert path == "experiments/get-by-name?experiment_name=linear-fit"
    assert headers["x-mlflow-sm-tracking-server-arn"] == ARN
    assert headers["Authorization"].startswith("AWS4-HMAC-SHA256 Credential=AKID/")
    assert "/eu-west-1/sagemaker-mlflow/aws4_request" in headers["Authorization"]
    assert tracker.run_id == "run-1" and fake.requests[1][3]["experiment_id"] == "7"


def test_a_failing_run_is_ended_as_failed(train, tmp_path):
    fake = FakeMlflow(experiment_exists=True)
    tracker = mlflow_tracker(train, fake)
    tracker.log_metrics = lambda values: (_ for _ in ()).throw(RuntimeError("boom"))
    with pytest.raises(RuntimeError, match="boom"):
        train.run(ml_folder(tmp_path), tracker)
    assert fake.requests[-1][1] == "runs/update" and fake.requests[-1][3]["status"] == "FAILED"


def args(launch, *extra):
    return launch.parse(
        [
            "--domain-id",
            "d-abc123",
            "--role-arn",
            "arn:aws:iam::111122223333:role/train",
            "--bucket",
            "data-bucket",
            "--image-uri",
            "img:1",
            "--run",
            "r1",
            *extra,
        ]
    )


def test_launcher_creates_the_run_then_the_job_under_the_experiment(launch_experiments):
    sagemaker = boto3.client("sagemaker", region_name="eu-west-1")
    s3 = boto3.client("s3", region_name="eu-west-1")
    experiment_arn = "arn:aws:sagemaker:eu-west-1:111122223333:experiment/stack-experiment"
    job = "stack-experiment-r1"
    with Stubber(sagemaker) as sm, Stubber(s3) as s3_stub:
        sm.add_response("describe_domain", DOMAIN, {"DomainId": "d-abc123"})
        sm.add_response("describe_experiment", {}, {"ExperimentName": "stack-experiment"})
        s3_stub.add_response(
            "put_object", {}, {"Bucket": "data-bucket", "Key": f"code/{job}/train.py", "Body": ANY}
        )
        sm.add_response(
            "create_trial", {}, {"TrialName": job, "ExperimentName": "stack-experiment"}
        )
        expected = dict.fromkeys(REQUEST_KEYS, ANY)
        expected["TrainingJobName"] = job
        expected["ExperimentConfig"] = {
            "ExperimentName": "stack-experiment",
            "TrialName": job,
            "TrialComponentDisplayName": "r1",
        }
        sm.add_response("create_training_job", {"TrainingJobArn": "arn:job"}, expected)
        name = launch_experiments.launch(
            args(launch_experiments, "--experiment-arn", experiment_arn), sagemaker, s3
        )
        sm.assert_no_pending_responses()
    assert name == job


def test_the_job_request_runs_in_the_domain_subnets_and_names_its_run(launch_experiments):
    request = launch_experiments.training_job_request(
        job="e-r1",
        role_arn="arn:aws:iam::111122223333:role/train",
        bucket="b",
        image_uri="img",
        domain=DOMAIN,
        region="eu-west-1",
        hyperparameters={"epochs": "5"},
        environment={"TRIAL_COMPONENT_NAME": "e-r1-aws-training-job"},
    )
    assert request["VpcConfig"] == {
        "SecurityGroupIds": ["sg-1"],
        "Subnets": ["subnet-1", "subnet-2"],
    }
    assert request["ResourceConfig"]["VolumeKmsKeyId"] == "key-1"
    channels = {
        c["ChannelName"]: c["DataSource"]["S3DataSource"]["S3Uri"]
        for c in request["InputDataConfig"]
    }
    assert channels == {"train": "s3://b/data/", "code": "s3://b/code/e-r1/"}
    assert request["Environment"]["TRACKER"] == "experiments"
    # botocore's model accepts it as a CreateTrainingJob request.
    sagemaker = boto3.client("sagemaker", region_name="eu-west-1")
    with Stubber(sagemaker) as sm:
        sm.add_response("create_training_job", {"TrainingJobArn": "arn:job"}, request)
        sagemaker.create_training_job(**request)


def test_mlflow_launcher_hands_the_server_to_the_job(launch_mlflow):
    sagemaker = boto3.client("sagemaker", region_name="eu-west-1")
    s3 = boto3.client("s3", region_name="eu-west-1")
    with Stubber(sagemaker) as sm, Stubber(s3) as s3_stub:
        sm.add_response("describe_domain", DOMAIN, {"DomainId": "d-abc123"})
        s3_stub.add_response(
            "put_object",
            {},
            {"Bucket": "data-bucket", "Key": "code/linear-fit-r1/train.py", "Body": ANY},
        )
        expected = dict.fromkeys(REQUEST_KEYS, ANY)
        expected["TrainingJobName"] = "linear-fit-r1"
        expected["Environment"] = {
            "AWS_DEFAULT_REGION": "eu-west-1",
            "TRACKER": "mlflow",
            "MLFLOW_TRACKING_SERVER_ARN": ARN,
            "MLFLOW_EXPERIMENT_NAME": "linear-fit",
            "RUN_NAME": "r1",
        }
        sm.add_response("create_training_job", {"TrainingJobArn": "arn:job"}, expected)
        name = launch_mlflow.launch(
            args(launch_mlflow, "--tracking-server-arn", ARN), sagemaker, s3
        )
        sm.assert_no_pending_responses()
    assert name == "linear-fit-r1"


def test_a_job_name_longer_than_sagemaker_allows_is_refused(launch_experiments):
    with pytest.raises(SystemExit, match="63"):
        launch_experiments.job_name("e" * 60, "r20261202000000")


def test_zero_epochs_is_refused_before_training(train, tmp_path):
    path = tmp_path / "hp.json"
    path.write_text(json.dumps({"epochs": "0"}))
    with pytest.raises(ValueError, match="epochs"):
        train.read_hyperparameters(path)


def test_a_warm_started_job_starts_from_the_earlier_model(train, launch_experiments, tmp_path):
    import io
    import tarfile

    folder = tmp_path / "model"
    folder.mkdir()
    data = json.dumps({"w": 2.0, "b": 1.0, "loss": 0.0}).encode()
    with tarfile.open(folder / "model.tar.gz", "w:gz") as tar:
        info = tarfile.TarInfo("model.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    assert train.read_start(folder) == (2.0, 1.0)
    assert train.read_start(tmp_path / "none") == (0.0, 0.0)
    request = launch_experiments.training_job_request(
        job="e-r2",
        role_arn="arn:aws:iam::111122223333:role/train",
        bucket="b",
        image_uri="img",
        domain=DOMAIN,
        region="eu-west-1",
        hyperparameters={},
        environment={},
        warm_start="e-r1",
    )
    channels = {
        c["ChannelName"]: c["DataSource"]["S3DataSource"]["S3Uri"]
        for c in request["InputDataConfig"]
    }
    assert channels["model"] == "s3://b/models/e-r1/output/"
