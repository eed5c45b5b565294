// bundled_models.h - the models the Network tab offers ready to open: the
// textbook's own trained Fashion-MNIST model (models/best-cnn-model.keras,
// MIT, Haesun Park; read by the importer like a student's file) and two
// digits models trained at build time by ConvScope's own training code
// (models/train/*.json, seed 42; CMakeLists.txt "Trained models").
#pragma once

namespace cs {

struct BundledModel {
  const char* label_key;  // catalogue key of its button
  const char* file;       // its file name in the models folder
};

inline constexpr BundledModel kBundledModels[] = {
    {"network.model_fashion", "best-cnn-model.keras"},
    {"network.model_digits_small", "digits-small-cnn.json"},
    {"network.model_digits_chapter", "digits-chapter-cnn.json"},
};
inline constexpr int kBundledModelCount = 3;

}  // namespace cs
