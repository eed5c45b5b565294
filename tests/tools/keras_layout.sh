#!/usr/bin/env bash
# keras_layout.sh - ctest modelio_keras_layout: writes models/best-cnn-model.keras
# (and tests/data/best-cnn-model.h5) again with the .keras writer
# (modelio_convert) and has h5py compare each written model.weights.h5 with
# the one Keras 3.4.1 wrote, group by group (tests/tools/keras_layout.py).
#   keras_layout.sh MODELIO_CONVERT SOURCE_DIR WORK_DIR
set -euo pipefail
convert="$1" src="$2" work="$3"
mkdir -p "$work"
/usr/bin/python3 -c 'import h5py' 2>/dev/null || {
  echo "keras_layout: python3-h5py is missing (Debian package python3-h5py; scripts/setup.sh installs it)" >&2
  exit 1
}
"$convert" --keras "$work/from-keras.keras" "$src/models/best-cnn-model.keras"
"$convert" --keras "$work/from-h5.keras" "$src/tests/data/best-cnn-model.h5"
/usr/bin/python3 "$src/tests/tools/keras_layout.py" "$src/models/best-cnn-model.keras" "$work/from-keras.keras" --same-weights
/usr/bin/python3 "$src/tests/tools/keras_layout.py" "$src/models/best-cnn-model.keras" "$work/from-h5.keras"
