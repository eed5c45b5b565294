# debian_source.sh - Debian source packages by upstream version, from the
# machine's own mirror through a private apt configuration in the cache
# (sourced by setup.sh; needs say, die, mirror_url and CONVSCOPE_CACHE).
# Tested by tests/tools/debian_source_test.sh.

APT_DIR="$CONVSCOPE_CACHE/apt"
APT_OPTS=(-o "Dir::Etc::SourceList=$APT_DIR/sources.list" -o "Dir::Etc::SourceParts=-"
          -o "Dir::State::Lists=$APT_DIR/lists" -o "APT::Sandbox::User=root")
APT_LISTS_FRESH=0

update_source_lists() {
  local mirror
  mirror=$(mirror_url)
  [ -n "$mirror" ] || die "could not read a Debian mirror from /etc/apt/sources.list(.d); provide the sources and builds yourself (the variables of scripts/env.sh: IMGUI_SOURCE_DIR, SDL2_WASM_PREFIX, STB_SOURCE_DIR, HDF5_NATIVE_PREFIX, HDF5_WASM_PREFIX, ZLIB_WASM_PREFIX)"
  mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/src"
  cat >"$APT_DIR/sources.list" <<EOF
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror bookworm main
EOF
  say "reading source package lists from $mirror"
  apt-get "${APT_OPTS[@]}" update -q >/dev/null || die "apt-get update (source lists) failed against $mirror"
  APT_LISTS_FRESH=1
}

source_versions() { apt-cache "${APT_OPTS[@]}" showsrc "$1" 2>/dev/null | sed -n 's/^Version: //p'; }

# The upstream part of a Debian version: no epoch, no -revision.
upstream_of() { local v="${1#*:}"; echo "${v%-*}"; }

# The Debian versions of source package PKG whose upstream part is UPSTREAM,
# or UPSTREAM plus a repack suffix (+ds, +dfsg, +repack), newest first.
revisions() {  # revisions PKG UPSTREAM
  local v u
  while read -r v; do
    u=$(upstream_of "$v")
    [ "$u" = "$2" ] || [[ "$u" == "$2+"* ]] || continue
    echo "$v"
  done < <(source_versions "$1" | sort -u) | sort_versions_newest_first
}

sort_versions_newest_first() {  # insertion sort with dpkg's comparison
  local v out=() i placed
  while read -r v; do
    placed=0
    for i in "${!out[@]}"; do
      if dpkg --compare-versions "$v" gt "${out[$i]}"; then
        out=("${out[@]:0:$i}" "$v" "${out[@]:$i}") placed=1; break
      fi
    done
    [ "$placed" = 1 ] || out+=("$v")
  done
  [ "${#out[@]}" = 0 ] || printf '%s\n' "${out[@]}"
}

newest_revision() {  # (no "| head": under pipefail its SIGPIPE would fail setup)
  local all
  all=$(revisions "$1" "$2")
  echo "${all%%$'\n'*}"
}

# Downloads and unpacks source package PKG at upstream version UPSTREAM into
# DEST. When the mirror has no such version (after refreshing its lists),
# fails naming what is missing, what the mirror has, and HOW to provide it.
source_package() {  # source_package PKG UPSTREAM DEST HOW
  local v dsc have
  [ -n "$(ls "$APT_DIR/lists" 2>/dev/null | grep Sources)" ] || update_source_lists
  v=$(newest_revision "$1" "$2")
  if [ -z "$v" ] && [ "$APT_LISTS_FRESH" = 0 ]; then
    update_source_lists
    v=$(newest_revision "$1" "$2")
  fi
  if [ -z "$v" ]; then
    have=$(source_versions "$1" | sort -u | paste -sd ' ' -)
    die "the Debian mirror has no source package $1 of upstream version $2 (it has: ${have:-none}); $4, then run setup again"
  fi
  # A mirror's lists can name a revision whose files it no longer serves
  # (seen: zlib ...-1+deb13u1 listed, its .dsc 404): then an older revision
  # of the same upstream version is as good.
  local tried=()
  for v in $(revisions "$1" "$2"); do
    (cd "$APT_DIR/src" && apt-get "${APT_OPTS[@]}" source --download-only "$1=$v" >/dev/null 2>&1) && break
    tried+=("$v") v=""
  done
  [ -n "$v" ] || die "downloading source package $1 failed for every revision of upstream $2 the mirror lists (${tried[*]}); $4"
  dsc="$APT_DIR/src/${1}_${v#*:}.dsc"
  [ -f "$dsc" ] || die "source package $1=$v downloaded, but $dsc is not there"
  rm -rf "$3" "$3.tmp" && dpkg-source --no-check -x "$dsc" "$3.tmp" >/dev/null && mv "$3.tmp" "$3"
  say "$1 $v (upstream $2) unpacked to $3"
}
