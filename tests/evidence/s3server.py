"""A local S3-compatible server (moto's, over real HTTP on 127.0.0.1) and a bucket per test."""

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3
from moto.server import ThreadedMotoServer

REGION = "us-east-1"
KEY, SECRET = "zabta-test-key", "zabta-test-secret"
_buckets = itertools.count(1)


@contextmanager
def s3_server() -> Iterator[str]:
    """Start the server on a free port; yields its endpoint URL."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def client(endpoint: str) -> Any:
    return boto3.client("s3", endpoint_url=endpoint, region_name=REGION, aws_access_key_id=KEY,
                        aws_secret_access_key=SECRET)  # fmt: skip


def new_bucket(endpoint: str) -> str:
    name = f"zabta-evidence-{next(_buckets)}"
    client(endpoint).create_bucket(Bucket=name)
    return name


def objects(endpoint: str, bucket: str) -> dict[str, bytes]:
    """Every object in the bucket, by key, with its bytes."""
    s3 = client(endpoint)
    listed = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {o["Key"]: s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read() for o in listed}
