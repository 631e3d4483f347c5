"""Deterministic, English-looking text for the synthetic handbook: words, sentences, titles, commands.

Word choice follows a Zipf-like curve over a fixed vocabulary, as real prose does, so that the
search index and the compressed sizes come out close to those of a real handbook (uniformly
random words would inflate the index; one repeated sentence would shrink it).
"""

from __future__ import annotations

import random
import re

_VOCABULARY = """
the a to and of in we for on with that it was is our this I by from as at after before when which team
service deployment pipeline customer data query latency error alarm incident rollback cluster release
change request user traffic queue consumer producer database index cache load balancer health check
node pod container image build test failure outage metric dashboard alert threshold owner on-call
production staging region zone shard replica backup restore migration schema table warehouse report
model job schedule cron retry timeout connection pool memory disk CPU network packet DNS certificate
token secret config flag feature canary ring rollout version commit branch review approval ticket
stakeholder manager engineer lead customer-facing SLA window budget cost estimate risk plan scope
priority deadline sprint week month quarter hour minute second percent fewer faster slower higher lower
reduced improved cut doubled halved restored fixed found traced measured tested deployed automated
wrote built added removed replaced moved split merged reviewed documented explained agreed escalated
paged monitored checked compared reproduced isolated confirmed verified rolled back shipped owned led
mentored coached asked listened proposed decided prioritised delegated negotiated convinced learned
because so but while until although instead only also still then again every each some most all both
first last next previous new old clear simple small large slow stale broken flaky noisy silent safe
root cause symptom evidence hypothesis trade-off decision constraint requirement dependency contract
API endpoint schema field payload message event stream topic partition offset lag throughput backlog
script tool runbook checklist template playbook guide wiki postmortem retrospective action item
Kafka Snowflake Terraform Kubernetes EKS S3 Lambda CloudWatch Grafana Prometheus Jenkins GitHub Actions
Python Java Bash SQL Linux nginx Redis Postgres Airflow Spark
""".split()

_COMMAND_TEMPLATES = [
    "kubectl -n {ns} get pods -l app={app} -o wide",
    "kubectl -n {ns} rollout status deployment/{app} --timeout=5m",
    "kubectl -n {ns} logs deploy/{app} --since=30m | grep -i error | tail -n 50",
    "aws cloudwatch get-metric-statistics --namespace {ns} --metric-name {metric} --period 300 --statistics Sum",
    "aws logs filter-log-events --log-group-name /{ns}/{app} --filter-pattern '\"{word}\"'",
    "curl -fsS --max-time 10 https://{app}.internal.example.com/api/health",
    "systemctl status {app} --no-pager",
    "journalctl -u {app} --since '1 hour ago' | tail -n 100",
    "psql -c 'select count(*) from {word}_events where created_at > now() - interval ''1 hour'''",
    "terraform plan -target=module.{app}",
    "df -h /var/lib/{app} && du -sh /var/lib/{app}/* | sort -h | tail",
    "top -b -n 1 | head -n 20",
]

_NAMESPACES = ["payments", "search", "checkout", "ingest", "reports", "auth", "sync", "billing"]
_METRIC_NAMES = ["HTTPCode_ELB_503_Count", "TargetResponseTime", "ConsumerLag", "CPUUtilization", "ErrorCount"]
_WORD = re.compile(r"^[A-Za-z]+$")


class Prose:
    """A seeded source of words; every method draws from the same random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        # Zipf-like weights: the 1st word is 100 times as likely as the 100th.
        self._weights = [1.0 / (rank + 1) for rank in range(len(_VOCABULARY))]
        self._plain = [w for w in _VOCABULARY if _WORD.match(w) and w.islower() and len(w) > 3]
        self._tags = [w for w in self._plain if w != "index"][:60]  # 'index' is the tags page's own name

    def words(self, n: int) -> list[str]:
        return self.rng.choices(_VOCABULARY, weights=self._weights, k=n)

    def sentence(self, n: int) -> str:
        """One sentence of about n words, sometimes with a figure or an inline code span."""
        words = self.words(max(3, n))
        roll = self.rng.random()
        if roll < 0.15:
            words.insert(self.rng.randrange(len(words)), f"{self.rng.randint(2, 95)} %")
        elif roll < 0.25:
            words.insert(self.rng.randrange(len(words)), f"`{self.command()}`")
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, n_words: int) -> list[str]:
        """Sentences adding up to about n_words words."""
        out, left = [], n_words
        while left > 0:
            n = min(left, self.rng.randint(9, 22))
            out.append(self.sentence(n))
            left -= n
        return out

    def phrase(self, lo: int, hi: int, limit: int | None = None) -> str:
        """A short capitalised phrase of lo..hi words, at most limit characters."""
        text = " ".join(self.words(self.rng.randint(lo, hi)))
        text = text[0].upper() + text[1:]
        return text[:limit].rstrip() if limit else text

    def title(self, limit: int = 120) -> str:
        return self.phrase(4, 9, limit)

    def slug(self, n: int = 3) -> str:
        return "-".join(self.rng.sample(self._plain, n))

    def tag(self) -> str:
        return self.rng.choice(self._tags)  # a small tag vocabulary, so pages share tags

    def command(self) -> str:
        template = self.rng.choice(_COMMAND_TEMPLATES)
        return template.format(ns=self.rng.choice(_NAMESPACES), app=self.slug(2), metric=self.rng.choice(_METRIC_NAMES),
                               word=self.rng.choice(self._plain))

    def script(self) -> str:
        """A runbook command: usually one line, sometimes a short multi-line script."""
        if self.rng.random() < 0.7:
            return self.command()
        lines = [self.command() for _ in range(self.rng.randint(2, 5))]
        return "\n".join(lines) + "\n"

    def url(self) -> str:
        return f"https://docs.example.com/{self.slug(2)}/{self.slug(3)}.html"

    def date(self) -> str:
        return f"20{self.rng.randint(23, 26)}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
