"""What a datastore, broker or infrastructure service needs at run time, by technology:
its image, port, URL scheme and the environment its image reads. One table shared by the
generators and by the rule that warns when it has no answer (A402), so it is data
here, beside the kind tables."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Technology:
    name: str  # as shown to people
    image: str
    port: int
    scheme: str  # of the URL handed to the services that use it
    data_path: str | None  # where the image keeps its data (a volume), None if stateless
    # environment keys for the database name, user and password (None: not needed)
    database_env: str | None = None
    user_env: str | None = None
    password_env: str | None = None
    extra_env: tuple[tuple[str, str], ...] = ()


_TABLE: tuple[tuple[tuple[str, ...], Technology], ...] = (
    (("postgres",), Technology("PostgreSQL", "postgres:16", 5432, "postgres",
                               "/var/lib/postgresql/data", "POSTGRES_DB", "POSTGRES_USER",
                               "POSTGRES_PASSWORD")),
    (("mysql", "mariadb"), Technology("MySQL", "mysql:8.4", 3306, "mysql", "/var/lib/mysql",
                                      "MYSQL_DATABASE", "MYSQL_USER", "MYSQL_PASSWORD",
                                      (("MYSQL_RANDOM_ROOT_PASSWORD", "yes"),))),
    (("mongo",), Technology("MongoDB", "mongo:7", 27017, "mongodb", "/data/db",
                            "MONGO_INITDB_DATABASE", "MONGO_INITDB_ROOT_USERNAME",
                            "MONGO_INITDB_ROOT_PASSWORD")),
    (("redis",), Technology("Redis", "redis:7", 6379, "redis", "/data")),
    (("rabbitmq", "amqp"), Technology("RabbitMQ", "rabbitmq:3-management", 5672, "amqp",
                                      "/var/lib/rabbitmq", None, "RABBITMQ_DEFAULT_USER",
                                      "RABBITMQ_DEFAULT_PASS")),
    (("kafka",), Technology("Kafka", "apache/kafka:3.7.0", 9092, "kafka",
                            "/var/lib/kafka/data")),
    (("elasticsearch", "opensearch"), Technology("Elasticsearch", "elasticsearch:8.13.4", 9200,
                                                 "http", "/usr/share/elasticsearch/data",
                                                 extra_env=(("discovery.type", "single-node"),))),
    (("cassandra",), Technology("Cassandra", "cassandra:4.1", 9042, "cassandra",
                                "/var/lib/cassandra")),
    (("consul",), Technology("Consul", "hashicorp/consul:1.18", 8500, "http", "/consul/data")),
)

# Offered by the quick fix of the unknown-technology rule, per element kind.
COMMON_CHOICES = {"datastore": ("PostgreSQL", "MySQL", "MongoDB", "Redis"),
                  "broker": ("RabbitMQ", "Kafka")}


def technology_for(text: str | None) -> Technology | None:
    """The table entry whose key occurs in a technology text (``"PostgreSQL 15"``)."""
    if not text:
        return None
    lowered = text.lower()
    for keys, technology in _TABLE:
        if any(key in lowered for key in keys):
            return technology
    return None


# What a service listens on when it names no port: a guess rule A401 warns about.
DEFAULT_SERVICE_PORT = 8080
