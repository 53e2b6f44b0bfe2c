#!/usr/bin/env bash
# Downloads text8 (the first 10^8 bytes of English Wikipedia, cleaned; 17M
# words on one line), the classic word2vec benchmark corpus. Needs network.
# Usage: scripts/get-text8.sh [DIR]   (default: corpus/)
set -euo pipefail
dir=${1:-$(dirname "$0")/../corpus}
mkdir -p "$dir"
cd "$dir"
if [[ ! -f text8 ]]; then
  curl -fL --retry 3 -o text8.zip http://mattmahoney.net/dc/text8.zip
  python3 -c "import zipfile; zipfile.ZipFile('text8.zip').extract('text8')"
  rm text8.zip
fi
echo "$(pwd)/text8: $(wc -w < text8) words"
