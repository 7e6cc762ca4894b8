"""Seed 001's tutorial, rebuilt with the command line alone.

Starting from an empty architecture block, the tutorial's steps run in order as
``archstudio add element`` / ``add relation`` commands (steps 2-17), then step 18's
``archstudio validate`` passes, and ``archstudio info`` reports the same counts as the
hand-written examples/ecommerce-platform.arch, which also holds the same elements and
relations.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES

from archstudio.cli import main
from archstudio.dsl import parse

D = "description"
GOALS = [  # step 2
    ("increase-sales", "Increase Online Sales",
     "Enable customers to discover and purchase products online"),
    ("improve-customer-experience", "Improve Customer Experience",
     "Provide fast, reliable shopping experience"),
    ("scale-platform", "Scale Platform",
     "Support growth to millions of daily users without downtime"),
    ("ensure-security", "Ensure Security", "Protect customer data and payment information"),
]
CAPABILITIES = [  # step 3
    ("product-catalog", "Product Catalog", "Manage product inventory and discovery"),
    ("user-management", "User Management", "Handle user accounts and authentication"),
    ("order-management", "Order Management", "Process customer orders end-to-end"),
    ("payment-processing", "Payment Processing", "Handle secure payment transactions"),
    ("customer-support", "Customer Support", "Provide customer service and support"),
]
POLICIES = [  # step 5
    ("oauth2", "OAuth2 Authentication", "authentication", "OAuth 2.0 for all API endpoints",
     "OAuth2 Bearer Tokens"),
    ("rbac", "Role-Based Access Control", "authorization",
     "RBAC controlling user permissions", None),
    ("pci-compliance", "PCI DSS Compliance", "data-protection",
     "Payment Card Industry Data Security Standard compliance", None),
    ("gdpr-compliance", "GDPR Data Protection", "data-protection",
     "General Data Protection Regulation compliance", None),
]
SERVICES = [  # step 6
    ("user-service", "User Service", "User authentication and profile management",
     "Node.js/Express", "HIGH"),
    ("catalog-service", "Catalog Service", "Product catalog and inventory management",
     "Python/FastAPI", "HIGH"),
    ("order-service", "Order Service", "Order creation and management", "Java/Spring Boot",
     "CRITICAL"),
    ("payment-service", "Payment Service", "Payment processing and transactions", "Go/Gin",
     "CRITICAL"),
]
OPERATIONS = {  # steps 9-12: service -> operations
    "user-service": [
        ("signup", "Sign Up", "Create new user account", "POST", "/api/v1/auth/signup"),
        ("login", "Login", "Authenticate user and return token", "POST", "/api/v1/auth/login"),
        ("get-profile", "Get User Profile", "Retrieve authenticated user's profile", "GET",
         "/api/v1/users/me"),
        ("update-profile", "Update Profile", "Update user profile information", "PUT",
         "/api/v1/users/me"),
    ],
    "catalog-service": [
        ("list-products", "List Products", "Get paginated product list with filters", "GET",
         "/api/v1/products"),
        ("get-product", "Get Product", "Get detailed product information", "GET",
         "/api/v1/products/{id}"),
        ("search-products", "Search Products", "Full-text search across product catalog",
         "GET", "/api/v1/products/search"),
    ],
    "order-service": [
        ("create-order", "Create Order", "Create new order from cart", "POST",
         "/api/v1/orders"),
        ("get-order", "Get Order", "Retrieve order details and status", "GET",
         "/api/v1/orders/{id}"),
        ("list-orders", "List User Orders", "Get all orders for authenticated user", "GET",
         "/api/v1/orders"),
        ("cancel-order", "Cancel Order", "Cancel pending order", "DELETE",
         "/api/v1/orders/{id}"),
    ],
    "payment-service": [
        ("process-payment", "Process Payment", "Process payment for order", "POST",
         "/api/v1/payments"),
        ("get-payment-status", "Get Payment Status", "Check payment processing status", "GET",
         "/api/v1/payments/{id}"),
        ("refund-payment", "Refund Payment", "Issue refund for payment", "POST",
         "/api/v1/payments/{id}/refund"),
    ],
}
SCHEMAS = [  # step 14
    ("user-account", "User Account", "User account and profile data"),
    ("product", "Product", "Product information and pricing"),
    ("order", "Order", "Customer order and order items"),
    ("payment", "Payment", "Payment transaction details"),
]
DATABASES = [  # step 16
    ("users-db", "Users Database", "PostgreSQL for user accounts and authentication"),
    ("products-db", "Products Database", "PostgreSQL for product catalog"),
    ("orders-db", "Orders Database", "PostgreSQL for order data"),
    ("payments-db", "Payments Database", "PostgreSQL for payment transactions"),
]


def element(kind: str, id_: str, label: str, *settings: str | None) -> list[str]:
    args = ["add", "element", "{file}", "--kind", kind, "--id", id_, "--label", label]
    for setting in settings:
        if setting is not None and not setting.endswith("=None"):
            args += ["--set", setting]
    return args


def relation(source: str, target: str, kind: str) -> list[str]:
    return ["add", "relation", "{file}", "--from", source, "--to", target, "--kind", kind]


def on_file(command: list[str], path: Path) -> list[str]:
    return [str(path) if a == "{file}" else a for a in command]


def tutorial() -> list[list[list[str]]]:
    """Steps 2-17 of the tutorial, each a list of commands."""
    return [
        [element("goal", i, n, f"{D}={d}") for i, n, d in GOALS],
        [element("capability", i, n, f"{D}={d}") for i, n, d in CAPABILITIES],
        [relation("product-catalog", "increase-sales", "satisfied-by"),
         relation("order-management", "increase-sales", "satisfied-by"),
         relation("payment-processing", "ensure-security", "satisfied-by"),
         relation("user-management", "improve-customer-experience", "satisfied-by")],
        [element("policy", i, n, f"type={t}", f"{D}={d}", f"mechanism={m}")
         for i, n, t, d, m in POLICIES],
        [element("service", i, n, f"{D}={d}", f"technology={t}", f"criticality={c}")
         for i, n, d, t, c in SERVICES],
        [relation("user-service", "user-management", "realizes"),
         relation("catalog-service", "product-catalog", "realizes"),
         relation("order-service", "order-management", "realizes"),
         relation("payment-service", "payment-processing", "realizes")],
        [relation("user-service", "oauth2", "protected-by"),
         relation("order-service", "oauth2", "protected-by"),
         relation("payment-service", "oauth2", "protected-by"),
         relation("payment-service", "pci-compliance", "complies-with")],
        *[[element("operation", i, n, f"{D}={d}", f"method={m}", f"path={p}")
           for i, n, d, m, p in operations] for operations in OPERATIONS.values()],
        [relation(service, op[0], "exposes")
         for service, operations in OPERATIONS.items() for op in operations],
        [element("schema", i, n, f"{D}={d}") for i, n, d in SCHEMAS],
        [relation("signup", "user-account", "uses"),
         relation("get-profile", "user-account", "uses"),
         relation("list-products", "product", "uses"),
         relation("create-order", "order", "uses"),
         relation("process-payment", "payment", "uses")],
        [element("database", i, n, f"{D}={d}") for i, n, d in DATABASES],
        [relation(db, schema[0], "stores") for (db, _, _), schema in zip(DATABASES, SCHEMAS,
                                                                        strict=True)],
    ]


def info(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main(["info", str(path), "--format", "json"]) in (0, 1)
    return json.loads(capsys.readouterr().out)


def test_the_tutorial_rebuilt_with_the_cli_matches_the_hand_written_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ecommerce.arch"
    path.write_text('architecture "E-commerce Platform" { }\n', encoding="utf-8")
    steps = tutorial()
    assert len(steps) == 16  # steps 2 to 17; step 1 is the empty block, 18 validates
    for number, commands in enumerate(steps, start=2):
        for command in commands:
            args = on_file(command, path)
            assert main(args) == 0, (number, args, capsys.readouterr().err)
    capsys.readouterr()
    assert main(["validate", str(path)]) == 0, capsys.readouterr().out  # step 18

    built, written = info(path, capsys), info(EXAMPLES / "ecommerce-platform.arch", capsys)
    for key in ("elements_per_layer", "elements_per_kind", "relations_per_kind", "totals"):
        assert built[key] == written[key], key
    assert built["totals"] == {"elements": 39, "relations": 35}

    ours = parse(path.read_text(encoding="utf-8"))
    theirs = parse((EXAMPLES / "ecommerce-platform.arch").read_text(encoding="utf-8"))
    assert {(q, e.kind, e.label) for q, e in ours.elements.items()} == {
        (q, e.kind, e.label) for q, e in theirs.elements.items()}
    assert sorted((r.source, r.target, r.kind) for r in ours.relations) == sorted(
        (r.source, r.target, r.kind) for r in theirs.relations)
    assert ours.elements["oauth2"].get("mechanism") == "OAuth2 Bearer Tokens"
    assert ours.elements["payment-service"].technology == "Go/Gin"


def test_each_tutorial_command_appends_after_its_kin_and_keeps_earlier_text(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ecommerce.arch"
    path.write_text('architecture "E-commerce Platform" { }\n', encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    for commands in tutorial()[:3]:
        for command in commands:
            assert main(on_file(command, path)) == 0
            after = path.read_text(encoding="utf-8")
            # an insertion only: every line written before is still there, in order
            old_lines = before.splitlines()
            new_lines = iter(after.splitlines())
            assert all(any(line == new for new in new_lines) for line in old_lines[1:])
            before = after
    lines = before.splitlines()
    assert lines[0] == 'architecture "E-commerce Platform" {'
    assert lines[1] == '  goal increase-sales "Increase Online Sales" {'
    goal_lines = [i for i, line in enumerate(lines) if line.startswith("  goal ")]
    capability_lines = [i for i, line in enumerate(lines) if line.startswith("  capability ")]
    relation_lines = [i for i, line in enumerate(lines) if "-[satisfied-by]->" in line]
    assert max(goal_lines) < min(capability_lines) < max(capability_lines) < min(relation_lines)
    assert lines[-1] == "}"
