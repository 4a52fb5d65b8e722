"""The S3 key prefixes a piece of application code reads and writes, declared once.

A job's script names the prefixes it reads and writes (raw/orders/, curated/orders/);
its role should reach exactly those, not the whole bucket. Both come from one
declaration on the kind (`Kind.app_prefixes`, keyed by the application code's name):
the script's constants and the SQL's paths are rendered from it, and so are the
role's grants, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# EMRFS, the S3 file system of Glue and EMR, marks a folder it creates with an empty object
# named <folder>_$folder$ beside it: https://repost.aws/knowledge-center/emr-s3-empty-files
FOLDER_MARKER = "_$folder$"

# Object actions of a prefix a job reads, and of one it writes. Spark's commit writes parts
# with multipart uploads and replaces or removes its own files (overwrite, temporary files).
READ_ACTIONS = ("s3:GetObject",)
WRITE_ACTIONS = ("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload")


@dataclass(frozen=True)
class SparkGrant:
    """One statement of a Spark job's role on its data bucket: actions on object keys."""

    actions: tuple[str, ...]
    keys: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class S3Prefixes:
    """What one piece of application code reads and writes in its data bucket.

    reads, writes: a name the code's template uses (`io.reads.orders`) to a key prefix
    ending in "/".
    """

    reads: dict[str, str] = field(default_factory=dict)
    writes: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for prefix in [*self.reads.values(), *self.writes.values()]:
            if not prefix.endswith("/") or prefix.startswith("/") or "*" in prefix:
                raise ValueError(f"an S3 prefix is a folder such as raw/orders/, not {prefix!r}")

    def all(self) -> list[str]:
        """Every prefix, reads first, each once."""
        return list(dict.fromkeys([*self.reads.values(), *self.writes.values()]))

    def spark_grants(self) -> list[SparkGrant]:
        """What a Spark job (Glue, EMR) needs on its data bucket's objects for these prefixes.

        The objects under each prefix it reads or writes. EMRFS also treats each folder on
        the way as a folder: it looks at the folder's key, the key with a "/" and its marker
        before it creates one, and marks the folders it creates. The role may read those
        exact keys (no data lives there) and write the markers of the folders it writes.
        """
        grants = []
        reads = [p for p in self.reads.values() if p not in self.writes.values()]
        if reads:
            grants.append(
                SparkGrant(READ_ACTIONS, tuple(f"{p}*" for p in reads), "read what it reads")
            )
        if self.writes:
            grants.append(
                SparkGrant(
                    WRITE_ACTIONS,
                    tuple(f"{p}*" for p in self.writes.values()),
                    "write, replace and clean up what it writes",
                )
            )
        folders = _folders(self.all())
        grants.append(
            SparkGrant(
                ("s3:GetObject",),
                tuple(
                    key
                    for f in folders
                    for key in (f, f"{f}/", f"{f}{FOLDER_MARKER}")
                    if key not in self.all()  # a prefix's own key is under its "*"
                ),
                "look at each folder on the way (exact keys, no data)",
            )
        )
        if self.writes:
            grants.append(
                SparkGrant(
                    ("s3:PutObject",),
                    tuple(f"{f}{FOLDER_MARKER}" for f in _folders(list(self.writes.values()))),
                    "mark the folders it creates (exact keys, empty objects)",
                )
            )
        return grants

    def spark_wildcards(self) -> list[str]:
        """The keys of spark_grants() that end in "*" (cdk-nag's IAM5 names each one)."""
        return [key for grant in self.spark_grants() for key in grant.keys if key.endswith("*")]


def _folders(prefixes: list[str]) -> list[str]:
    """Each prefix and the folders above it, without a trailing "/": curated/orders/ ->
    curated, curated/orders."""
    found: dict[str, None] = {}
    for prefix in prefixes:
        parts = prefix.removesuffix("/").split("/")
        for depth in range(1, len(parts) + 1):
            found["/".join(parts[:depth])] = None
    return list(found)
