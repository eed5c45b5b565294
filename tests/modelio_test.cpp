// modelio_test.cpp - placeholder, filled below.
#include <gtest/gtest.h>
#include "modelio/model_file.h"
TEST(ModelIo, Placeholder) { EXPECT_TRUE(true); }
