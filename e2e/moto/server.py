"""Test infrastructure for awsgen's end-to-end tests (not part of awsgen).

Starts moto's threaded server on 127.0.0.1 on a free port, prints `PORT <n>` on stdout, and
serves until stdin closes (the Rust test holds the other end). Before that it registers
CopySnapshot for ElastiCache and MemoryDB on moto's backends, which stock moto (5.2.5) does
not implement: the copy is the source snapshot under the target name, with the request's
KmsKeyId and Tags, stored in the same snapshot store that DescribeSnapshots reads.

Prints `MISSING <reason>` and exits with status 3 when moto cannot be imported.
"""

import copy
import json
import logging
import sys

try:
    from moto.core.responses import ActionResult
    from moto.elasticache.exceptions import SnapshotAlreadyExists, SnapshotNotFound
    from moto.elasticache.responses import ElastiCacheResponse
    from moto.memorydb.exceptions import (
        SnapshotAlreadyExistsFault,
        SnapshotNotFoundFault,
    )
    from moto.memorydb.responses import MemoryDBResponse
    from moto.moto_server.threaded_moto_server import ThreadedMotoServer
except ImportError as error:
    print(f"MISSING {error}", flush=True)
    sys.exit(3)

if sys.argv[1:] == ["--probe"]:
    # e2e/build.rs asks whether the imports above work, and starts nothing.
    print("OK", flush=True)
    sys.exit(0)


def elasticache_copy_snapshot(self):
    backend = self.elasticache_backend
    source = self._get_param("SourceSnapshotName")
    target = self._get_param("TargetSnapshotName")
    if source not in backend.snapshots:
        raise SnapshotNotFound(source)
    if target in backend.snapshots:
        raise SnapshotAlreadyExists(target)
    snapshot = copy.copy(backend.snapshots[source])
    snapshot.snapshot_name = target
    snapshot.arn = snapshot.arn.rsplit(":", 1)[0] + ":" + target
    snapshot.kms_key_id = self._get_param("KmsKeyId") or snapshot.kms_key_id
    snapshot.snapshot_source = "manual"
    tags = self._get_param("Tags", [])
    snapshot.tags = tags
    backend.snapshots[target] = snapshot
    if tags:
        backend.tagging_service.tag_resource(snapshot.arn, tags)
    return ActionResult({"Snapshot": snapshot})


def memorydb_copy_snapshot(self):
    backend = self.memorydb_backend
    params = json.loads(self.body)
    source = params.get("SourceSnapshotName")
    target = params.get("TargetSnapshotName")
    if source not in backend.snapshots:
        raise SnapshotNotFoundFault(f"Snapshot {source} not found.")
    if target in backend.snapshots:
        raise SnapshotAlreadyExistsFault(
            "Snapshot with specified name already exists."
        )
    snapshot = copy.copy(backend.snapshots[source])
    snapshot.snapshot_name = target
    snapshot.arn = snapshot.arn.rsplit("/", 1)[0] + "/" + target
    snapshot.kms_key_id = params.get("KmsKeyId") or snapshot.kms_key_id
    snapshot.source = "manual"
    backend.snapshots[target] = snapshot
    if params.get("Tags"):
        backend.tag_resource(snapshot.arn, params["Tags"])
    return ActionResult({"Snapshot": snapshot.to_dict()})


def main():
    ElastiCacheResponse.copy_snapshot = elasticache_copy_snapshot
    MemoryDBResponse.copy_snapshot = memorydb_copy_snapshot
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    _, port = server.get_host_and_port()
    print(f"PORT {port}", flush=True)
    sys.stdin.read()
    server.stop()


if __name__ == "__main__":
    main()
