// app_data_test.cpp - the desktop's way to train on the student's own data:
// a dropped folder of idx files or a .zip of PNGs becomes the Train part's
// data (20% kept for validation when the files hold no test set); a path
// that is not data is left to the other readers; a bad folder is refused
// with a message naming it, and the data already loaded stays.
#include <gtest/gtest.h>

#if __has_include("imgui.h")

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <vector>

#include "app/app.h"

namespace cs {
namespace {

namespace fs = std::filesystem;

void write_idx(const fs::path& dir, const std::string& set, int n) {
  std::vector<std::uint8_t> images = {0, 0, 8, 3, 0, 0, 0, static_cast<std::uint8_t>(n), 0, 0, 0, 4, 0, 0, 0, 4};
  std::vector<std::uint8_t> labels = {0, 0, 8, 1, 0, 0, 0, static_cast<std::uint8_t>(n)};
  for (int i = 0; i < n; ++i) {
    labels.push_back(static_cast<std::uint8_t>(i % 10));
    for (int p = 0; p < 16; ++p) images.push_back(static_cast<std::uint8_t>((i * 16 + p) * 7));
  }
  std::ofstream(dir / (set + "-images-idx3-ubyte"), std::ios::binary)
      .write(reinterpret_cast<const char*>(images.data()), static_cast<std::streamsize>(images.size()));
  std::ofstream(dir / (set + "-labels-idx1-ubyte"), std::ios::binary)
      .write(reinterpret_cast<const char*>(labels.data()), static_cast<std::streamsize>(labels.size()));
}

TEST(AppData, ADroppedIdxFolderBecomesTheTrainingData) {
  const fs::path dir = fs::temp_directory_path() / "convscope-app-data";
  fs::remove_all(dir);
  fs::create_directories(dir);
  write_idx(dir, "mine", 50);
  App app;
  EXPECT_FALSE(app.open_training_data((dir / "picture.png").string()));  // not data: the picture reader's
  ASSERT_TRUE(app.open_training_data(dir.string()));
  ASSERT_TRUE(app.training().has_data());
  EXPECT_EQ(app.training().validation()->size(), 10u);  // one in five
  EXPECT_EQ(app.network_view().train.train_size, 40);
  EXPECT_EQ(app.network_view().train.data_name, "convscope-app-data");

  const fs::path bad = dir / "broken";
  fs::create_directories(bad);
  std::ofstream(bad / "x-images-idx3-ubyte") << "not idx";
  std::ofstream(bad / "x-labels-idx1-ubyte") << "not idx";
  ASSERT_TRUE(app.open_training_data(bad.string()));
  const std::string& error = app.network_view().train.data_error;
  EXPECT_NE(error.find("x-images-idx3-ubyte"), std::string::npos) << error;
  EXPECT_TRUE(app.training().has_data()) << "the data loaded before stays";
  EXPECT_EQ(app.training().validation()->size(), 10u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace cs

#endif
