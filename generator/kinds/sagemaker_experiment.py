"""SageMaker Experiments: an experiment whose runs record hyperparameters and metrics (T25).

CloudFormation creates the experiment (AWS::SageMaker::Experiment); its runs come
at run time. Each training job started with an ExperimentConfig gets a trial
component named after the job (<job>-aws-training-job), associated with the trial
the launcher made for it; the training script logs its hyperparameters and metrics
to that component. Since SageMaker lowercases names in ARNs, the kind exports the
experiment's name as its ARN spells it, and the launcher and every policy use that.
"""

from generator.kinds.base import PRICING_CHECKED, Cost, Export, Icon, Kind, Lifecycle, NoProps


class SageMakerExperiment(Kind):
    name = "sagemaker.experiment"
    title = "SageMaker experiment"
    doc = (
        "A SageMaker Experiments experiment: each training job launched under it is a run "
        "(a trial with the job's trial component) with its hyperparameters and metrics."
    )
    icon = Icon("diagrams.aws.ml", "Sagemaker")
    resource_types = ("AWS::SageMaker::Experiment",)
    template = "kinds/sagemaker_experiment.py.j2"
    imports = ("from aws_cdk import aws_sagemaker as sagemaker", "from aws_cdk import Fn")
    props = NoProps
    exports = {
        "experiment": Export("sagemaker.CfnExperiment", "the experiment"),
        "name": Export("str", "its name as its ARN spells it (lowercase)"),
    }
    lifecycle = Lifecycle(
        costs=(
            Cost(
                "AWS::SageMaker::Experiment",
                "nothing for the experiment and its runs; the training jobs it records bill "
                "per instance-hour",
                "https://aws.amazon.com/sagemaker/pricing/",
                PRICING_CHECKED,
                idle=False,
            ),
        ),
        leaves_behind=(
            "the trials (runs) and trial components the launched jobs created: "
            "cdk destroy cannot delete an experiment that still has trials, so delete them "
            "first (aws sagemaker disassociate-trial-component, delete-trial)",
        ),
    )
