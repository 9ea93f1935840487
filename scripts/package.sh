#!/usr/bin/env bash
# Builds the Flex Consumption deployment package (zip root = app root):
#
#   scripts/package.sh [ZIP]          default: artifacts/relationsalerts.zip
#
# 1. `dotnet publish src/RelationsAlerts.App -c Release` into a temp dir (the csproj makes the publish a
#    self-contained single-file linux-x64 executable named `handler`, and copies host.json and
#    Functions/<Name>/function.json to <Name>/function.json at the root).
# 2. Zips it with python3's zipfile: every entry "made by Unix" (create_system 3), `handler` with mode 0755
#    (external_attr = 0o100755 << 16) so the Functions host can start it, other files 0644. Debug symbols
#    (*.pdb), documentation (*.xml) and local.settings.json are left out.
# 3. Prints the zip's path and size. Deploy it with
#      az functionapp deployment source config-zip -g "$RG" -n "$APP" --src artifacts/relationsalerts.zip
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
zip_path="${1:-${repo}/artifacts/relationsalerts.zip}"
mkdir -p "$(dirname "${zip_path}")"
zip_path="$(cd "$(dirname "${zip_path}")" && pwd)/$(basename "${zip_path}")"

command -v dotnet >/dev/null 2>&1 || { echo "package.sh: dotnet SDK not found" >&2; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "package.sh: python3 not found" >&2; exit 1; }

publish_dir="$(mktemp -d)"
trap 'rm -rf "${publish_dir}"' EXIT

echo "==> dotnet publish src/RelationsAlerts.App -c Release -o ${publish_dir}"
dotnet publish "${repo}/src/RelationsAlerts.App" -c Release -o "${publish_dir}" --nologo

for required in host.json handler; do
  if [[ ! -f "${publish_dir}/${required}" ]]; then
    echo "package.sh: ${required} missing from the publish output" >&2
    exit 1
  fi
done
if [[ -f "${publish_dir}/handler.dll" ]]; then
  echo "package.sh: handler.dll in the publish output; expected a single-file executable" >&2
  exit 1
fi

echo "==> zip ${zip_path}"
python3 - "${publish_dir}" "${zip_path}" <<'PY'
import os
import shutil
import sys
import time
import zipfile

source, target = sys.argv[1], sys.argv[2]
EXECUTABLE = "handler"
EXCLUDED_SUFFIXES = (".pdb", ".xml")
EXCLUDED_NAMES = {"local.settings.json"}

files = []
for root, dirs, names in os.walk(source):
    dirs.sort()
    for name in sorted(names):
        path = os.path.join(root, name)
        arcname = os.path.relpath(path, source).replace(os.sep, "/")
        if name.lower().endswith(EXCLUDED_SUFFIXES) or name in EXCLUDED_NAMES:
            continue
        files.append((arcname, path))

tmp = target + ".tmp"
with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
    for arcname, path in files:
        stat = os.stat(path)
        # zip timestamps start in 1980
        info = zipfile.ZipInfo(arcname, date_time=time.gmtime(max(stat.st_mtime, 315532800))[:6])
        info.create_system = 3  # made by Unix, so unzip honours the mode bits
        mode = 0o100755 if arcname == EXECUTABLE else 0o100644
        info.external_attr = mode << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        info.file_size = stat.st_size
        with open(path, "rb") as src, archive.open(info, "w") as dst:
            shutil.copyfileobj(src, dst, 1024 * 1024)
os.replace(tmp, target)
print(f"    {len(files)} entries")
PY

size="$(stat -c %s "${zip_path}")"
echo "package: ${zip_path} (${size} bytes, $(( (size + 1048575) / 1048576 )) MiB)"
