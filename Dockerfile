# The engine's image: the `c2n` command with its pinned dependencies. docker-compose.yml runs
# it as the delta-window consumer (`c2n delta consume`); any other c2n command works the same.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    C2N_HOME=/data

WORKDIR /app
# Dependencies first, so editing the code does not re-install them.
COPY pyproject.toml README.md ./
COPY domain ./domain
COPY projections ./projections
COPY adapters ./adapters
COPY consumers ./consumers
RUN pip install --no-cache-dir . \
    && useradd --system --uid 10001 --home-dir /data c2n \
    && mkdir -p /data && chown c2n /data

USER c2n
VOLUME ["/data"]
# SIGTERM lets the consumer finish the page in hand and commit it before leaving.
STOPSIGNAL SIGTERM
ENTRYPOINT ["c2n"]
CMD ["delta", "consume"]
