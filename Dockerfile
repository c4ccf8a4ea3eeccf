# The dashboard as a container image: Debian's Python 3.11 and Chromium (for the PDF brief's chart images),
# the app's pinned requirements, a non-root user, a health check on Streamlit's /_stcore/health.
# Build and run one process on the bundled data:
#   docker build -t displacement-dashboard .
#   docker run --rm -p 8501:8501 displacement-dashboard
# Several processes, the refresh job and HAProxy: docs/deploy/compose.yaml (docs/deployment.md, "Containers").
FROM debian:bookworm-slim

ENV DEBIAN_FRONTEND=noninteractive PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv chromium fonts-dejavu-core ca-certificates \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 displacement \
 && mkdir -p /srv/store && chown displacement /srv/store
COPY requirements.txt /srv/displacement/requirements.txt
RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install -r /srv/displacement/requirements.txt
COPY --chown=root:root . /srv/displacement

# The store lives on a volume (one refresh job writes it, every app process reads it); without one, the
# dashboard reads the bundled snapshot in /srv/displacement/data/.
ENV PATH=/opt/venv/bin:$PATH BROWSER_PATH=/usr/bin/chromium DISPLACEMENT_STORE=/srv/store
WORKDIR /srv/displacement
USER displacement
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
CMD ["streamlit", "run", "app.py", "--server.port", "8501", "--server.address", "0.0.0.0", "--server.headless", "true"]
