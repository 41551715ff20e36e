# Shared set-up steps for scripts/demo, scripts/test and Benchmarks/e2e/run. Source it; do not run it.
# Every step checks first and installs only what is missing, so a second run costs seconds.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO_ROOT/.venv"
export EXTRACT_TEST_PYTHON="$VENV/bin/python"
# The project's own dataset generator and checkers (tools/README.md); nothing outside the clone.
MAKE_DATASET="$REPO_ROOT/tools/make_dataset.py"

log() { printf '==> %s\n' "$*" >&2; }

# apt_install PKG... : installs the Debian packages that are not installed yet.
apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    if ((${#missing[@]})); then
        log "installing Debian packages: ${missing[*]}"
        local sudo=""
        [[ $(id -u) -ne 0 ]] && sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

# The C libraries the package links, plus pkg-config and the sqlite3 CLI.
install_build_deps() {
    apt_install pkg-config zlib1g-dev liblz4-dev libsnappy-dev libzstd-dev libbrotli-dev libsqlite3-dev libpq-dev
}

# The command-line decompressors the codec tests call.
install_tool_deps() {
    apt_install gzip zstd lz4 unzip sqlite3
}

# python_venv PKG... : a venv in .venv with the given PyPI packages.
python_venv() {
    if [[ ! -x "$VENV/bin/python" ]]; then
        log "creating Python venv in .venv"
        python3 -m venv "$VENV" 2>/dev/null || { apt_install python3-venv; python3 -m venv "$VENV"; }
    fi
    local missing=()
    for pkg in "$@"; do
        "$VENV/bin/python" -c "import importlib.metadata as m; m.version('$pkg')" 2>/dev/null || missing+=("$pkg")
    done
    if ((${#missing[@]})); then
        log "installing Python packages: ${missing[*]}"
        "$VENV/bin/pip" install -q --disable-pip-version-check "${missing[@]}"
    fi
}

# The readers tools/parquet_check.py and tools/delimited_check.py use (tools/README.md).
install_readers() {
    python_venv pyarrow duckdb polars fastparquet cramjam pandas python-snappy
}

# Spark (parquet-java) as the 5th Parquet reader: Java 17+ and pyspark (~450 MB) in the venv.
# Set EXTRACT_TEST_SPARK=0 to skip it (the Spark test is then not run).
install_spark() {
    if [[ "${EXTRACT_TEST_SPARK:-1}" == "0" ]]; then return; fi
    if ! java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])'; then
        apt_install openjdk-17-jre-headless
    fi
    python_venv pyspark
    export EXTRACT_TEST_SPARK=1
}
