"""Generators: deployable files made from an architecture (Istio, Linkerd, Kubernetes,
docker-compose, OpenAPI). No Qt here.

Every generator, bundled or third-party, is found through the ``archstudio.generators``
entry-point group (see docs/generators.md); :func:`installed_generators` lists them and
:func:`write_output` writes what one produced, atomically and in a stable order.
"""

from archstudio.generate.base import GenerateError, Generator, Output
from archstudio.generate.discovery import (
    ENTRY_POINT_GROUP,
    BrokenGenerator,
    find_generator,
    installed_generators,
)
from archstudio.generate.output import write_output

__all__ = ["ENTRY_POINT_GROUP", "BrokenGenerator", "GenerateError", "Generator", "Output",
           "find_generator", "installed_generators", "write_output"]
