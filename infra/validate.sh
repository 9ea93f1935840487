#!/usr/bin/env bash
# Offline validation of the RelationsAlerts Bicep templates.
#
#   infra/validate.sh            (from any directory)
#   infra/validate.sh --out DIR  also keep the compiled ARM JSON: DIR/main.json and
#                                DIR/main.<env>.json (parameters) for each .bicepparam
#
# 1. Obtains the Bicep CLI without az/internet access to GitHub: restores the
#    NuGet package Azure.Bicep.CommandLine.linux-x64 (pinned below) through the
#    throwaway project infra/tools/bicep-cli.proj into the normal NuGet cache
#    and uses its native tools/bicep executable (chmod +x: the package carries
#    no Unix modes).
# 2. Runs `bicep build` on main.bicep (output to a temp dir), `bicep build-params`
#    on every infra/*.bicepparam (main.dev / main.prod), and `bicep lint` on
#    main.bicep (modules included) and on the .bicepparam files.
# 3. Fails (exit 1) if any command fails or prints any diagnostic
#    (`path(line,col) : Error|Warning|Info CODE: message`). Bicep exits 0 on
#    warnings, including BCP089/BCP036 type mistakes, so the exit code alone is
#    not enough.
set -euo pipefail

BICEP_VERSION="0.49.2"
BICEP_PACKAGE="azure.bicep.commandline.linux-x64"

infra_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

out_dir=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out)
      [[ $# -ge 2 && -n "$2" ]] || { echo "validate.sh: --out needs a directory" >&2; exit 2; }
      out_dir="$2"; shift 2 ;;
    --out=*)
      out_dir="${1#--out=}"; shift ;;
    -h|--help)
      sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
      exit 0 ;;
    *)
      echo "validate.sh: unknown argument '$1' (usage: validate.sh [--out DIR])" >&2; exit 2 ;;
  esac
done

tools_proj="${infra_dir}/tools/bicep-cli.proj"

work_dir="$(mktemp -d)"
trap 'rm -rf "${work_dir}"' EXIT

log() { printf '==> %s\n' "$*"; }

# --- 1. Bicep CLI ---------------------------------------------------------
if [[ -n "${BICEP_BIN:-}" ]]; then
  bicep="${BICEP_BIN}"
  log "using BICEP_BIN=${bicep}"
else
  command -v dotnet >/dev/null 2>&1 || { echo "validate.sh: dotnet SDK not found (needed to restore the Bicep CLI)" >&2; exit 1; }

  log "restoring ${BICEP_PACKAGE} ${BICEP_VERSION} via infra/tools/bicep-cli.proj"
  # obj/ goes to the temp dir so the restore leaves nothing behind in the repo.
  if ! dotnet restore "${tools_proj}" --nologo --verbosity quiet \
        -p:BaseIntermediateOutputPath="${work_dir}/obj/" \
        -p:MSBuildProjectExtensionsPath="${work_dir}/obj/" \
        >"${work_dir}/restore.log" 2>&1; then
    cat "${work_dir}/restore.log" >&2
    echo "validate.sh: dotnet restore of ${tools_proj} failed" >&2
    exit 1
  fi

  packages_root="${NUGET_PACKAGES:-}"
  if [[ -z "${packages_root}" ]]; then
    # "global-packages: /root/.nuget/packages/"
    packages_root="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p' | head -n 1)"
  fi
  packages_root="${packages_root%/}"
  bicep="${packages_root}/${BICEP_PACKAGE}/${BICEP_VERSION}/tools/bicep"
  if [[ ! -f "${bicep}" ]]; then
    echo "validate.sh: ${bicep} not found after restore" >&2
    exit 1
  fi
  chmod +x "${bicep}"
fi

log "$("${bicep}" --version)"

# --- 2./3. build, build-params, lint ----------------------------------------
failures=0
diagnostics=0

# run_bicep <label> <args...>: runs bicep, echoes its output, counts diagnostics.
run_bicep() {
  local label="$1"; shift
  local out="${work_dir}/out.txt" rc=0 count
  log "${label}"
  "${bicep}" "$@" >"${out}" 2>&1 || rc=$?
  if [[ -s "${out}" ]]; then
    sed 's/^/    /' "${out}"
  fi
  count="$(grep -Ec ' : (Error|Warning|Info) ' "${out}" || true)"
  diagnostics=$((diagnostics + count))
  if [[ "${rc}" -ne 0 ]]; then
    echo "    FAILED: exit code ${rc}"
    failures=$((failures + 1))
  elif [[ "${count}" -gt 0 ]]; then
    echo "    FAILED: ${count} diagnostic(s)"
    failures=$((failures + 1))
  else
    echo "    ok"
  fi
}

run_bicep "bicep build main.bicep" build "${infra_dir}/main.bicep" --outdir "${work_dir}/build"

shopt -s nullglob
param_files=("${infra_dir}"/*.bicepparam)
shopt -u nullglob
if [[ "${#param_files[@]}" -eq 0 ]]; then
  echo "validate.sh: no .bicepparam files found in ${infra_dir}" >&2
  failures=$((failures + 1))
fi
for param_file in "${param_files[@]}"; do
  run_bicep "bicep build-params $(basename "${param_file}")" \
    build-params "${param_file}" --bicep-file "${infra_dir}/main.bicep" --outdir "${work_dir}/params"
done

run_bicep "bicep lint main.bicep" lint "${infra_dir}/main.bicep"
for param_file in "${param_files[@]}"; do
  run_bicep "bicep lint $(basename "${param_file}")" lint "${param_file}"
done

if [[ -n "${out_dir}" ]]; then
  mkdir -p "${out_dir}"
  shopt -s nullglob
  kept=("${work_dir}"/build/*.json "${work_dir}"/params/*.json)
  shopt -u nullglob
  if [[ "${#kept[@]}" -gt 0 ]]; then
    cp "${kept[@]}" "${out_dir}/"
  fi
  log "compiled ARM JSON kept in ${out_dir}: $(cd "${out_dir}" && ls -- *.json 2>/dev/null | tr '\n' ' ')"
fi

if [[ "${failures}" -ne 0 ]]; then
  echo "validate.sh: FAILED (${failures} step(s) failed, ${diagnostics} diagnostic(s))" >&2
  exit 1
fi
echo "validate.sh: OK (0 diagnostics)"
