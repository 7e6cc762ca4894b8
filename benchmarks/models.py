"""Generated `.arch` models of a given size, shared by every benchmark.

Shape: systems of services, each service with its own datastore, a broker per system,
about 1.3 relations per element, so the numbers mean something for real files.
"""

from __future__ import annotations

import random


def generate(elements: int, seed: int = 7) -> str:
    """Return `.arch` text with roughly ``elements`` elements (systems included)."""
    rng = random.Random(seed)
    per_system = 10  # 1 system + 1 broker + 4 services + 4 datastores
    systems = max(1, elements // per_system)
    lines = [f'architecture "Generated {elements}" {{', '  person User "A user"', ""]
    services: list[str] = []
    relations: list[str] = []
    for s in range(systems):
        name = f"Sys{s}"
        lines.append(f'  system {name} "System {s}" {{')
        lines.append(f'    broker Bus{s} "Event bus {s}" {{ technology "Kafka" }}')
        for i in range(4):
            svc, db = f"Svc{s}_{i}", f"Db{s}_{i}"
            lines.append(f'    container {svc} "Service {s}.{i}" {{')
            lines.append('      technology "Python"')
            lines.append("    }")
            lines.append(f'    datastore {db} "Database {s}.{i}"')
            relations.append(f'  {name}.{svc} -> {name}.{db} "reads/writes"')
            if i % 2:
                relations.append(f'  {name}.{svc} -[async]-> {name}.Bus{s} "publishes"')
            else:
                relations.append(f'  {name}.Bus{s} -[async]-> {name}.{svc} "delivers"')
            services.append(f"{name}.{svc}")
        lines.append("  }")
    for qname in services:  # one call per service, a second for one in four: ~1.3 in all
        for _ in range(2 if rng.random() < 0.25 else 1):
            other = rng.choice(services)
            if other != qname:
                relations.append(f'  {qname} -[sync]-> {other} "calls"')
    relations.append(f'  User -> {services[0]} "uses"')
    lines.append("")
    lines.extend(relations)
    lines.append("}")
    return "\n".join(lines) + "\n"
