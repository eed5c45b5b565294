// catalogue.cpp - every UI string, English and Korean, in one table.
// Keys name where a text appears ("walk.kernel_of"); printf conversions
// must match between the two columns (tests/i18n_test.cpp checks that, and
// that no key used in src/ is missing). The Korean column uses the
// textbook's terms: 합성곱, 필터/커널, 특성 맵, 패딩, 세임 패딩, 밸리드 패딩,
// 스트라이드, 풀링, 최대 풀링, 평균 풀링. Keras names (filters, kernel_size,
// strides, padding='same') stay as code in both languages.
// cmake/Fonts.cmake reads this file to subset the Korean font to exactly
// the glyphs used here, so a new Korean text needs no font step.
// [SECTION] App, toolbar, timeline, tabs
// [SECTION] Walk
// [SECTION] Scene, stack, code, 1D, image
// [SECTION] Presets
// [SECTION] Lessons
// [SECTION] Exercises
// [SECTION] Step in words (aria-live)
// [SECTION] Errors (i18n/error_text.h)
#include "i18n/i18n.h"

namespace cs::i18n {

namespace {

const Entry kEntries[] = {
    // [SECTION] App, toolbar, timeline, tabs
    {"app.cannot_open", "Cannot open %s", "%s 파일을 열 수 없습니다"},
    {"app.not_scene_or_picture", "%s: neither a scene (.json) nor a picture: %s",
     "%s: 장면(.json)도 그림도 아닙니다: %s"},
    {"app.scene_not_loaded", "This scene was not loaded: %s", "이 장면을 불러오지 못했습니다: %s"},
    {"app.dismiss", "Dismiss", "닫기"},
    {"app.input_and_layers", "Input and layers", "입력과 층"},
    {"app.invalid", "This combination does not work: %s", "이 조합은 계산할 수 없습니다: %s"},
    {"app.invalid_hint", "Change the parameter back, or press Undo.", "값을 되돌리거나 실행 취소를 누르세요."},
    {"tab.walk", "Walk", "단계별 보기"},
    {"tab.stack", "Stack & receptive fields", "층 쌓기와 수용 영역"},
    {"tab.code", "Formulas & code", "공식과 코드"},
    {"tab.image", "Image", "이미지"},
    {"tab.oned", "1D: dense vs conv", "1D: 밀집층 vs 합성곱"},
    {"tab.lessons", "Lessons", "수업"},
    {"tab.exercises", "Exercises", "연습 문제"},
    {"toolbar.undo", "Undo", "실행 취소"},
    {"toolbar.undo_tip", "Undo %s (Ctrl+Z)", "%s 취소 (Ctrl+Z)"},
    {"toolbar.redo", "Redo", "다시 실행"},
    {"toolbar.redo_tip", "Redo %s (Ctrl+Shift+Z)", "%s 다시 실행 (Ctrl+Shift+Z)"},
    {"toolbar.reset", "Reset", "처음으로"},
    {"toolbar.engine", "engine: %s", "엔진: %s"},
    {"toolbar.lessons_menu", "Lessons", "수업"},
    {"toolbar.lang_tip", "Language: English / Korean", "언어: 영어 / 한국어"},
    {"toolbar.figures", "Figures...", "그림 저장..."},
    {"toolbar.save_view", "Save the window as PNG", "창 전체를 PNG로 저장"},
    {"toolbar.save_view_tip", "The whole window as a PNG file", "창 전체를 PNG 파일로 저장"},
    {"fig.view_saved", "Saved %s", "%s 저장됨"},
    {"toolbar.save_png", "Save this step as PNG", "현재 단계를 PNG로 저장"},
    {"toolbar.save_gif", "Save the stride walk as GIF", "스트라이드 이동 과정을 GIF로 저장"},
    {"toolbar.save_png_tip", "The current step as a picture for slides (numbers in every cell)",
     "현재 단계를 슬라이드용 그림으로 저장 (모든 칸에 숫자 표시)"},
    {"toolbar.save_gif_tip", "The whole stride walk as an animated GIF for slides",
     "스트라이드에 따라 창이 움직이는 과정 전체를 움직이는 GIF로 저장"},
    {"fig.saved", "Saved %s (%d bytes)", "%s 저장됨 (%d바이트)"},
    {"fig.failed", "No figure: %s", "그림을 만들 수 없습니다: %s"},
    {"fig.no_layer", "the scene has no layer to walk", "장면에 단계별로 볼 층이 없습니다"},
    {"fig.too_large", "a figure shows grids of at most 64 cells a side (use a small input)",
     "그림은 한 변이 64칸 이하인 격자만 그립니다 (작은 입력을 쓰세요)"},
    {"timeline.back", "< Back", "< 이전"},
    {"timeline.next", "Next >", "다음 >"},
    {"timeline.play", "Play", "재생"},
    {"timeline.pause", "Pause", "정지"},
    {"timeline.step_of", "step %%d of %d", "%%d / %d 단계"},
    {"timeline.speed", "%.1f steps/s", "초당 %.1f단계"},
    {"timeline.filter", "filter", "필터"},
    {"timeline.channel", "channel", "채널"},

    // Shareable state (issue 5's buttons in app_share.cpp)
    {"share.copy_link", "Copy link", "링크 복사"},
    {"share.link_tip", "A link that opens this screen: scene, step, view, language",
     "이 화면(장면, 단계, 보기, 언어)을 여는 링크"},
    {"share.copy_embed", "Copy embed code", "삽입 코드 복사"},
    {"share.embed_tip", "An <iframe> for a course page (Moodle, Canvas, a blog)",
     "강의 페이지(Moodle, Canvas, 블로그)에 넣는 <iframe>"},
    {"scene.default_title", "A handwritten 7 through Conv2D + ReLU + MaxPooling2D",
     "손글씨 7 → Conv2D + ReLU + MaxPooling2D"},
    {"scene.image_title", "Your picture through Conv2D(%d, 3x3, 'same', ReLU)",
     "내 그림 → Conv2D(%d, 3x3, 'same', ReLU)"},
    {"share.own_picture",
     "Your own picture stays on this device: the link opens the sample photo with these filters",
     "내 사진은 이 기기에만 남습니다. 링크는 예시 사진에 이 필터들을 적용해 엽니다"},

    // Undo/redo labels (model/history); Keras names (filters, strides, ...) stay as they are.
    {"history.edit bias", "edit bias", "편향 수정"},
    {"history.edit weight", "edit weight", "가중치 수정"},
    {"history.load image", "load image", "그림 불러오기"},
    {"history.paint input", "paint input", "입력 칠하기"},
    {"history.type input value", "type input value", "입력 값 입력"},
    {"history.image kernel", "image kernel", "이미지 커널"},
    {"history.add layer", "add layer", "층 추가"},
    {"history.input channels", "input channels", "입력 채널"},
    {"history.remove layer", "remove layer", "층 삭제"},
    {"history.resize input", "resize input", "입력 크기 변경"},
    {"history.small grid", "small grid", "작은 격자"},
    {"history.explicit padding", "explicit padding", "직접 지정한 패딩"},
    {"history.reset to preset", "reset to preset", "처음 상태로"},
    {"history.input preset", "input preset", "입력 예시"},
    {"history.kernel preset", "kernel preset", "커널 예시"},

    // [SECTION] Walk
    {"walk.input_word", "input", "입력"},
    {"walk.map_word", "map", "맵"},
    {"walk.type_value", "(type a value, Enter)", "(값을 입력하고 Enter)"},
    {"walk.weight_tip", "weight[%d, %d, %d, %d] = %s  (click to edit)", "가중치[%d, %d, %d, %d] = %s  (클릭해서 수정)"},
    {"walk.weight", "weight", "가중치"},
    {"walk.weight_at", "Weight to edit: row, column, channel (or click a kernel cell)",
     "수정할 가중치: 행, 열, 채널 (또는 커널 칸 클릭)"},
    {"walk.weight_pick", "weight (row, col, ch):", "가중치 (행, 열, 채널):"},
    {"walk.cell_at", "input cell (row, col, channel)", "입력 칸 (행, 열, 채널)"},
    {"walk.bias", "bias", "편향"},
    {"walk.click_weight", "click a weight to edit it", "가중치를 클릭하면 수정할 수 있습니다"},
    {"walk.kernel_preset", "Kernel preset...", "커널 예시..."},
    {"walk.arithmetic", "The arithmetic of this step", "이 단계의 계산"},
    {"walk.window", "window", "창"},
    {"walk.window_ch", "window (%s)", "창 (%s)"},
    {"walk.kernel", "kernel", "커널"},
    {"walk.products", "products", "곱"},
    {"walk.bias_word", "bias", "편향"},
    {"walk.max_pad_note", "(padding counts as -inf, so it never wins)", "(패딩은 -inf로 계산되어 최댓값이 될 수 없습니다)"},
    {"walk.avg_note",
     "Keras divides by the %d real cells; PyTorch's count_include_pad would divide by %d and give %s",
     "케라스는 실제 칸 %d개로 나눕니다. PyTorch의 count_include_pad는 %d로 나누어 %s가 됩니다"},
    {"walk.pad_taps", "%d of the %d taps fall on padding: they read 0 and add nothing.",
     "%d개(전체 %d개 중)가 패딩 위에 있습니다: 0을 읽으므로 합에 더해지는 것이 없습니다."},
    {"walk.output_tip", "output[%d, %d, %d]%s  (click: jump to step %d)", "출력[%d, %d, %d]%s  (클릭: %d단계로 이동)"},
    {"walk.show_pre", "show before activation", "활성화 함수 적용 전 보기"},
    {"walk.title", "%s: %s%dx%dx%d, padding '%s' (top %d, bottom %d, left %d, right %d)",
     "%s: %s%dx%dx%d, 패딩 '%s' (위 %d, 아래 %d, 왼쪽 %d, 오른쪽 %d)"},
    {"walk.input", "Input", "입력"},
    {"walk.input_to_layer", "Input to this layer", "이 층의 입력"},
    {"walk.fmap_prefix", "feature map ", "특성 맵 "},
    {"walk.intro_conv",
     "The red window slides over the padded input. At each step its cells are multiplied by the kernel and added "
     "up (plus the bias); the activation of that sum is written into the feature map. Press Next, Play, or click a "
     "feature-map cell.",
     "빨간 창이 패딩된 입력 위를 미끄러집니다. 단계마다 창 안의 칸들을 커널과 곱해서 모두 더하고(편향도 더함), "
     "그 합에 활성화 함수를 적용한 값을 특성 맵에 씁니다. 다음이나 재생을 누르거나 특성 맵의 칸을 클릭하세요."},
    {"walk.intro_pool",
     "The red window slides over the feature map and keeps only its largest value (max pooling) or the average of "
     "its real cells (average pooling). There are no weights.",
     "빨간 창이 특성 맵 위를 미끄러지며 가장 큰 값만 남기거나(최대 풀링) 실제 칸들의 평균을 남깁니다(평균 "
     "풀링). 가중치는 없습니다."},
    {"walk.uncovered",
     "Crossed-out cells are never read: %d row(s) and %d column(s) are dropped because (input + padding - kernel) "
     "is not a multiple of the stride.",
     "X 표시된 칸은 한 번도 읽히지 않습니다: (입력 + 패딩 - 커널)이 스트라이드의 배수가 아니어서 %d개 행과 "
     "%d개 열이 버려집니다."},
    {"walk.moved_right", "window moved %d cell(s) right (strides=%d)", "창이 오른쪽으로 %d칸 이동 (strides=%d)"},
    {"walk.moved_down", "window moved to the next row: %d cell(s) down (strides=%d)",
     "창이 다음 줄로 이동: 아래로 %d칸 (strides=%d)"},
    {"walk.kernel_of", "Kernel of filter %d (%dx%d%s)", "필터 %d의 커널 (%dx%d%s)"},
    {"walk.slice_per_channel", ", one slice per channel", ", 채널마다 한 장씩"},
    {"walk.feature_map", "Feature map", "특성 맵"},
    {"walk.layer_input", "Input to this layer", "이 층의 입력"},
    {"walk.layer_output", "Output of this layer", "이 층의 출력"},
    {"walk.element_index", "output[%d]", "출력[%d]"},
    {"walk.element_step", "output[%d, %d]", "출력[%d, %d]"},
    {"walk.element_cell", "output[%d, %d, %d]", "출력[%d, %d, %d]"},
    {"walk.slice_of", "channel %d of %d", "채널 %d / %d"},
    {"walk.input_cell", "input[%d, %d, %d]", "입력[%d, %d, %d]"},
    {"walk.all_padding", "This window covers only padding: every product is 0, so this output is just the bias. "
     "Padding wider than the kernel's reach only adds such rows and columns, with nothing learned in them.",
     "이 창은 패딩만 덮습니다. 곱이 모두 0이므로 이 출력은 편향 값 그대로입니다. 커널이 닿는 범위보다 넓은 패딩은 "
     "이런 행과 열만 더할 뿐, 배울 것이 없습니다."},
    {"walk.ct.intro", "Conv2DTranspose grows the map: each input cell stamps the kernel times its value into the "
     "output, strides cells apart, and overlapping stamps add up. The same numbers come from a plain convolution: "
     "insert %d zero(s) between rows and %d between columns, pad, flip the kernel, slide it one cell at a time.",
     "Conv2DTranspose는 맵을 키웁니다: 입력 칸마다 커널에 자기 값을 곱한 도장을 strides 간격으로 출력에 찍고, 겹치는 "
     "도장은 더해집니다. 같은 값을 보통 합성곱으로도 얻습니다: 행 사이에 0을 %d개, 열 사이에 %d개 끼워 넣고 패딩한 "
     "뒤, 커널을 뒤집어 한 칸씩 밉니다."},
    {"walk.ct.stretched", "Input, channel %d, with zeros inserted, padded %d (top) and %d (left)",
     "입력 채널 %d, 0을 끼워 넣고 위 %d칸, 왼쪽 %d칸 패딩"},
    {"walk.ct.legend", "framed: the input's own cells; the others are inserted zeros or padding",
     "테두리가 있는 칸: 원래 입력 칸, 나머지: 끼워 넣은 0 또는 패딩"},
    {"walk.ct.flipped", "Kernel, flipped", "뒤집은 커널"},
    {"walk.ct.output", "Output, filter %d: %dx%d (outlined: the stamps reaching this cell)",
     "출력, 필터 %d: %dx%d (테두리: 이 칸에 닿는 도장)"},
    {"walk.ct.crop", "The stamps fill %d cells a side; Keras keeps %dx%d of them: %d cropped at the start, %d at "
     "the end (TensorFlow's 'same' split).",
     "도장은 한 변에 %d칸을 채웁니다. 케라스는 그중 %dx%d만 남깁니다: 앞에서 %d칸, 끝에서 %d칸을 잘라 냅니다 "
     "(텐서플로의 'same' 분할)."},
    {"walk.ct.grow", "The stamps fill %d cells a side; Keras makes it %dx%d: %d cropped at the start, and "
     "output_padding adds %d at the end that no stamp reaches (they hold the bias).",
     "도장은 한 변에 %d칸을 채웁니다. 케라스는 %dx%d로 만듭니다: 앞에서 %d칸을 잘라 내고, output_padding이 끝에 "
     "도장이 닿지 않는 %d칸을 더합니다 (편향 값만 가집니다)."},
    {"walk.ct.stamps", "The stamps that reach this cell, each an input value times one kernel weight:",
     "이 칸에 닿는 도장들(입력 값 하나 x 커널 가중치 하나):"},
    {"walk.ct.no_stamp", "no stamp reaches this cell", "이 칸에는 도장이 닿지 않습니다"},
    {"walk.vector_window", "%s: entries %d to %d of %d", "%s: %d~%d번째 (전체 %d개)"},
    {"walk.element_tip", "%s%s  (click: jump to step %d)", "%s%s  (클릭: %d단계로 이동)"},
    {"walk.flat_index_tip", "%s = %s\nflattened index = (%d x %d + %d) x %d + %d = %d",
     "%s = %s\n펼친 벡터의 위치 = (%d x %d + %d) x %d + %d = %d"},
    {"walk.channels_at", "every channel at row %d, column %d", "%d행 %d열의 모든 채널"},
    {"walk.units", "Units (the output vector)", "유닛 (출력 벡터)"},
    {"walk.inputs_from", "inputs from", "입력 시작 위치"},
    {"walk.dense_inputs", "inputs %d to %d (the flattened vector)", "입력 %d~%d (펼친 벡터)"},
    {"walk.dense_weights", "weights of unit %d: kernel[i, %d]", "유닛 %d의 가중치: kernel[i, %d]"},
    {"walk.dense_window", "inputs %d to %d (move the slider to see the others):",
     "입력 %d~%d (다른 입력은 슬라이더로 볼 수 있습니다):"},
    {"walk.dense_total", "sum of all %d products = %s", "곱 %d개 전체의 합 = %s"},
    {"walk.softmax_sum", "Softmax: subtract the largest z (%s), take exp of each, divide by their sum (%s). "
     "The probabilities add up to 1.",
     "소프트맥스: 가장 큰 z(%s)를 빼고 각각 exp를 구한 뒤 그 합(%s)으로 나눕니다. 확률을 모두 더하면 1입니다."},
    {"walk.probability", "probability", "확률"},
    {"walk.bn_order", "TensorFlow's order: inv = gamma / sqrt(moving_variance + epsilon), then x * inv + (beta - "
     "moving_mean * inv).",
     "텐서플로의 계산 순서: inv = gamma / sqrt(moving_variance + epsilon), 그다음 x * inv + (beta - moving_mean * "
     "inv)."},
    {"walk.global_average_eq", "The mean of all %d cells of this channel: sum %s / %d = %s",
     "이 채널의 %d칸 전체의 평균: 합 %s / %d = %s"},
    {"walk.global_max_eq", "The largest of all %d cells of this channel: %s, at row %d, column %d",
     "이 채널의 %d칸 중 가장 큰 값: %s (%d행 %d열)"},
    {"walk.rule.dense", "Dense: every one of the %d inputs times its own weight, summed, plus the bias of unit %d, "
     "then the activation.",
     "밀집층: 입력 %d개 하나하나에 각자의 가중치를 곱해 더하고, 유닛 %d의 편향을 더한 뒤 활성화 함수를 적용합니다."},
    {"walk.rule.global_average", "Global average pooling: one number per channel, the mean of its whole map.",
     "전역 평균 풀링: 채널마다 맵 전체의 평균 하나를 남깁니다."},
    {"walk.rule.global_max", "Global max pooling: one number per channel, the largest of its whole map.",
     "전역 최대 풀링: 채널마다 맵 전체에서 가장 큰 값 하나를 남깁니다."},
    {"walk.rule.batch_normalization",
     "Batch normalization (inference): each channel is shifted and scaled with its own four numbers, learned in "
     "training.",
     "배치 정규화(추론): 채널마다 훈련에서 배운 네 개의 값으로 이동하고 크기를 바꿉니다."},
    {"walk.rule.activation", "Activation: the same function applied to every element on its own.",
     "활성화 층: 원소마다 같은 함수를 따로 적용합니다."},
    {"walk.rule.re_lu", "ReLU: negative values become 0 (with Keras' options max_value, negative_slope and "
     "threshold).",
     "ReLU: 음수는 0이 됩니다 (케라스 옵션 max_value, negative_slope, threshold 포함)."},
    {"walk.rule.leaky_re_lu", "LeakyReLU: negative values are multiplied by negative_slope instead of becoming 0.",
     "LeakyReLU: 음수를 0으로 만드는 대신 negative_slope를 곱합니다."},
    {"walk.rule.softmax", "Softmax: the channels of one position become probabilities that add up to 1.",
     "소프트맥스: 한 위치의 채널 값들을 합이 1인 확률로 바꿉니다."},
    {"walk.rule.dropout", "Dropout: in training it zeroes a random share (rate) of the values; when the model "
     "predicts it passes every value unchanged.",
     "드롭아웃: 훈련할 때는 rate 비율만큼 값을 무작위로 0으로 만들고, 예측할 때는 모든 값을 그대로 전달합니다."},
    {"walk.rule.rescaling", "Rescaling: every value times scale plus offset (e.g. pixels 0-255 to 0-1).",
     "리스케일링: 모든 값에 scale을 곱하고 offset을 더합니다 (예: 0~255 픽셀을 0~1로)."},
    {"walk.rule.flatten", "Flatten: the map's cells are laid out in one row, row by row, channels together (HWC "
     "order).",
     "플래튼: 맵의 칸을 행 순서대로, 채널은 함께 묶어 한 줄로 펼칩니다 (HWC 순서)."},
    {"walk.rule.zero_padding2d", "ZeroPadding2D: the map gets a border of zeros.", "ZeroPadding2D: 맵 둘레에 0을 덧붙입니다."},
    {"walk.rule.up_sampling2d", "UpSampling2D: every row and column is repeated (nearest) or interpolated "
     "(bilinear).",
     "UpSampling2D: 행과 열을 반복하거나(nearest) 사이 값을 보간합니다(bilinear)."},
    {"walk.rule.input_layer", "InputLayer: the model's input, unchanged.", "InputLayer: 모델의 입력이며 값은 그대로입니다."},
    {"walk.pooled_map", "Pooled map, channel", "풀링된 맵, 채널"},

    // [SECTION] Scene, stack, code, 1D, image
    {"scene.input", "Input", "입력"},
    {"scene.picture", "A picture, %dx%dx%d. The Image tab shows it with every feature map; the Walk tab follows the "
                      "window across it.",
     "그림, %dx%dx%d. 이미지 탭에서 모든 특성 맵과 함께 볼 수 있고, 단계별 보기 탭에서 창의 이동을 따라갈 수 "
     "있습니다."},
    {"scene.small_grid", "Back to a small grid", "작은 격자로 돌아가기"},
    {"scene.height_width", "height, width", "높이, 너비"},
    {"scene.channels", "channels", "채널"},
    {"scene.paint", "paint cells", "칸 칠하기"},
    {"scene.brush", "brush %.0f", "붓 %.0f"},
    {"scene.paint_hint", "drag over the input to paint", "입력 위를 끌어서 칠하세요"},
    {"scene.type_hint", "click a cell to type its value", "칸을 클릭하면 값을 입력할 수 있습니다"},
    {"scene.layers", "Layers (model.summary order)", "층 (model.summary 순서)"},
    {"scene.remove_layer", "Remove selected layer", "선택한 층 삭제"},
    {"scene.add_layer", "+ Add a layer...", "+ 층 추가..."},
    {"scene.split_axes", "Different values for rows and columns", "행과 열에 서로 다른 값 쓰기"},
    {"scene.rows", "rows", "행"},
    {"scene.cols", "columns", "열"},
    {"scene.layer_n", "Layer %d: %s", "%d번째 층: %s"},
    {"scene.keras_real_cells", "Keras divides by the real cells only.", "케라스는 실제 칸의 개수로만 나눕니다."},
    {"stack.intro",
     "Hover or tap a cell. On a layer's output: the blue cells are everything it reads, through every layer (its "
     "receptive field). On the input: everything that cell feeds. A tap pins the selection; tap again to release.",
     "칸 위에 마우스를 올리거나 누르세요. 층의 출력 칸이면 파란 칸은 그 칸이 모든 층을 거쳐 읽는 영역(수용 "
     "영역)입니다. 입력 칸이면 그 칸이 영향을 주는 모든 곳입니다. 누르면 고정되고, 다시 누르면 풀립니다."},
    {"stack.selection", "%s: level %d, cell (%d, %d)%s", "%s: 단계 %d, 칸 (%d, %d)%s"},
    {"stack.pinned", "Pinned", "고정됨"},
    {"stack.hovered", "Hovered", "가리킴"},
    {"stack.no_field", " (no field)", " (영역 없음)"},
    {"stack.release", "Release", "고정 해제"},
    {"stack.field_cells", "field on the input: %d cells", "입력에서의 영역: %d칸"},
    {"stack.level_too_large", "%lld values: too many to draw cell by cell here (the Image tab shows a picture's "
     "maps whole; the Walk tab, the cells around the window)",
     "값 %lld개: 여기서 칸마다 그리기에는 너무 많습니다 (이미지 탭은 그림의 맵 전체를, 단계별 보기 탭은 창 주변 칸을 "
     "보여 줍니다)"},
    {"stack.input", "input", "입력"},
    {"code.copy_scene", "Copy scene JSON (the weights the code loads)", "장면 JSON 복사 (코드가 불러올 가중치)"},
    {"code.copy", "Copy", "복사"},
    {"code.invalid", "The formulas appear once the scene is valid.", "장면이 올바르게 계산되면 공식이 나타납니다."},
    {"code.layer_numbers", "Layer %d (%s): the numbers", "%d번째 층 (%s): 숫자로 보기"},
    {"code.rows", "Rows:", "행:"},
    {"code.cols", "Columns:", "열:"},
    {"code.padding", "Padding: top %d, bottom %d, left %d, right %d", "패딩: 위 %d, 아래 %d, 왼쪽 %d, 오른쪽 %d"},
    {"code.params", "Parameters: ((%d \xC3\x97 %d \xC3\x97 %d)%s) \xC3\x97 %d = %lld",
     "파라미터: ((%d \xC3\x97 %d \xC3\x97 %d)%s) \xC3\x97 %d = %lld"},
    {"code.macs", "Multiply-accumulates: %d \xC3\x97 %d outputs \xC3\x97 %d filters \xC3\x97 (%d \xC3\x97 %d \xC3\x97 %d) = %lld",
     "곱셈-덧셈: %d \xC3\x97 %d 출력 \xC3\x97 %d 필터 \xC3\x97 (%d \xC3\x97 %d \xC3\x97 %d) = %lld"},
    {"code.params_pool", "Parameters: 0 (pooling has no weights: it only picks the max or averages).",
     "파라미터: 0 (풀링에는 가중치가 없습니다: 최댓값을 고르거나 평균을 낼 뿐입니다)."},
    {"code.pytorch", "PyTorch equivalent", "같은 모델의 PyTorch 코드"},
    {"oned.inputs", "inputs n", "입력 개수 n"},
    {"oned.new_numbers", "New numbers", "새 숫자"},
    {"oned.position", "kernel position", "커널 위치"},
    {"oned.dense", "Dense layer: one neuron", "밀집층: 뉴런 하나"},
    {"oned.dense_counts", "%d inputs, %d weights (each used once), 1 output.",
     "입력 %d개, 가중치 %d개(각각 한 번씩 사용), 출력 1개."},
    {"oned.conv", "Conv1D(1, kernel_size=%d): shared weights sliding", "Conv1D(1, kernel_size=%d): 공유 가중치가 미끄러집니다"},
    {"oned.conv_counts", "%d inputs, %d weights reused at all %d positions: %d - %d + 1 = %d outputs.",
     "입력 %d개, 가중치 %d개를 %d개 위치 모두에서 재사용: %d - %d + 1 = 출력 %d개."},
    {"oned.output_eq", "output %d: %s = %s", "출력 %d: %s = %s"},
    {"image.lens", "%s: the cells around (%d, %d)", "%s: (%d, %d) 주변의 칸"},
    {"image.picture", "Picture %dx%d", "그림 %dx%d"},
    {"image.downscaled", ", downscaled to %dx%d", ", %dx%d로 축소"},
    {"image.sample", "Sample photo (Chelsea the cat, CC0)", "예제 사진 (고양이 첼시, CC0)"},
    {"image.open", "Open a picture...", "그림 열기..."},
    {"image.drop", "or drop an image file on the window", "또는 이미지 파일을 창에 끌어다 놓으세요"},
    {"image.grayscale", "grayscale", "흑백"},
    {"image.colours", "colours", "색상"},
    {"image.load_hint", "Load a picture to see every feature map of the first Conv2D layer at full resolution.",
     "그림을 불러오면 첫 번째 Conv2D 층의 모든 특성 맵을 원래 해상도로 볼 수 있습니다."},
    {"image.summary", "Input %dx%dx%d \xE2\x86\x92 %d feature maps %dx%d. Engine recompute: %.2f ms",
     "입력 %dx%dx%d \xE2\x86\x92 특성 맵 %d개 %dx%d. 엔진 재계산: %.2f ms"},
    {"image.input_red", "input, red channel", "입력, 빨강 채널"},
    {"image.filter_n", "filter %d", "필터 %d"},
    {"image.fmap_n", "feature map %d", "특성 맵 %d"},
    {"image.kernel_of", "Kernel of filter %d (drag a value: the maps update live)",
     "필터 %d의 커널 (값을 끌면 맵이 바로 바뀝니다)"},
    {"image.split", "Each value is split evenly over the %d colour channels.", "각 값은 %d개 색 채널에 고르게 나뉩니다."},
    // touch and keyboard reach
    {"stack.keys_hint", "Keyboard: Tab to a grid; the arrow keys move its cursor; Enter or Space pins or releases the cell.",
     "키보드: Tab으로 격자에 들어가서 화살표 키로 커서를 옮기고, Enter나 Space로 칸을 고정하거나 해제합니다."},
    {"stack.key_pin", "Enter or Space: pin this cell", "Enter 또는 Space: 이 칸 고정"},
    {"stack.key_release", "Enter or Space: release this cell", "Enter 또는 Space: 이 칸 고정 해제"},
    {"image.keys_hint",
     "Keyboard: Tab to a picture or a feature map; the arrow keys move the lens (Shift: 8 cells). Pinch with two "
     "fingers, or Ctrl + wheel, to zoom in.",
     "키보드: Tab으로 그림이나 특성 맵에 들어가서 화살표 키로 돋보기를 옮깁니다 (Shift: 8칸). 두 손가락으로 "
     "벌리거나 Ctrl + 휠로 확대합니다."},

    // [SECTION] Presets
    {"preset.Handwritten 7", "Handwritten 7", "손글씨 7"},
    {"preset.Letter A", "Letter A", "글자 A"},
    {"preset.Checkerboard", "Checkerboard", "체크무늬"},
    {"preset.Gradient", "Gradient", "그러데이션"},
    {"preset.Vertical edge", "Vertical edge", "세로 경계"},
    {"preset.Horizontal edge", "Horizontal edge", "가로 경계"},
    {"preset.Random integers 0-9", "Random integers 0-9", "무작위 정수 0-9"},
    {"preset.Identity", "Identity", "항등"},
    {"preset.Box blur", "Box blur", "평균 흐림"},
    {"preset.Gaussian blur", "Gaussian blur", "가우시안 흐림"},
    {"preset.Sharpen", "Sharpen", "선명하게"},
    {"preset.Sobel x (vertical edges)", "Sobel x (vertical edges)", "소벨 x (세로 경계)"},
    {"preset.Sobel y (horizontal edges)", "Sobel y (horizontal edges)", "소벨 y (가로 경계)"},
    {"preset.Laplacian (outline)", "Laplacian (outline)", "라플라시안 (윤곽선)"},
    {"preset.Emboss", "Emboss", "엠보싱"},
    {"preset.Random -2..2", "Random -2..2", "무작위 -2..2"},

    // [SECTION] Lessons
    {"lessons.heading", "Lessons: the chapter, step by step", "수업: 합성곱 신경망을 한 걸음씩"},
    {"lessons.progress", "%d of %d lessons complete", "수업 %d개 완료 (전체 %d개)"},
    {"lessons.n_of", "Lesson %d of %d", "수업 %d / %d"},
    {"lessons.open", "Open", "열기"},
    {"lessons.done_mark", "done", "완료"},
    {"lessons.try", "Try this", "해 보기"},
    {"lessons.task_done", "Done: the app saw it.", "완료: 앱이 확인했습니다."},
    {"lessons.task_open", "Not yet. The app checks as you change the scene.", "아직입니다. 장면을 바꾸면 앱이 바로 확인합니다."},
    {"lessons.question", "Question", "질문"},
    {"lessons.right", "Right.", "맞습니다."},
    {"lessons.wrong", "Not quite: look at the scene again and try another answer.", "아쉽습니다. 장면을 다시 보고 다른 답을 골라 보세요."},
    {"lessons.prev", "< Previous lesson", "< 이전 수업"},
    {"lessons.next", "Next lesson >", "다음 수업 >"},
    {"lessons.all", "All lessons", "전체 수업"},
    {"lessons.reload", "Reload the lesson's scene", "수업 장면 다시 불러오기"},

    {"lesson.dense-vs-conv.title", "Dense layer vs convolution (1D)", "밀집층과 합성곱 (1D)"},
    {"lesson.dense-vs-conv.text",
     "A dense neuron has one weight for every input and gives one output. A convolution uses a few weights (the "
     "kernel) and slides them along the input: the same weights are reused at every position. With n inputs and a "
     "kernel of size k, a 'valid' convolution gives n - k + 1 outputs. The Walk tab shows Conv1D(1, kernel_size=3) "
     "on 8 inputs: 6 outputs; the 1D tab puts a dense neuron beside it.",
     "밀집층의 뉴런은 입력마다 가중치가 하나씩 있고 출력은 하나입니다. 합성곱은 몇 개의 가중치(커널)만 가지고 "
     "입력을 따라 미끄러지며, 모든 위치에서 같은 가중치를 다시 씁니다. 입력이 n개이고 커널 크기가 k이면 밸리드 "
     "패딩의 합성곱 출력은 n - k + 1개입니다. 단계별 보기 탭은 입력 8개에 Conv1D(1, kernel_size=3)을 적용해 "
     "출력 6개를 보여 주고, 1D 탭은 밀집층 뉴런과 나란히 보여 줍니다."},
    {"lesson.dense-vs-conv.task", "Set kernel_size to 5. How many outputs are left?",
     "kernel_size를 5로 바꾸세요. 출력은 몇 개가 남나요?"},
    {"lesson.dense-vs-conv.hint", "The kernel_size slider is under Layer 1 on the left (phones: Input and layers).",
     "kernel_size 슬라이더는 왼쪽의 1번째 층 아래에 있습니다(휴대폰: 입력과 층)."},
    {"lesson.dense-vs-conv.question", "Conv1D with kernel_size=3 on 10 inputs ('valid'): how many outputs?",
     "입력 10개에 kernel_size=3인 Conv1D(밸리드 패딩)를 적용하면 출력은 몇 개인가요?"},
    {"lesson.dense-vs-conv.a0", "10", "10"},
    {"lesson.dense-vs-conv.a1", "8", "8"},
    {"lesson.dense-vs-conv.a2", "3", "3"},
    {"lesson.dense-vs-conv.why", "10 - 3 + 1 = 8: the kernel fits in 8 positions.", "10 - 3 + 1 = 8: 커널이 들어갈 수 있는 위치가 8곳입니다."},

    {"lesson.filter.title", "Filter (kernel) and 2D convolution", "필터(커널)와 2D 합성곱"},
    {"lesson.filter.text",
     "In 2D the filter, also called the kernel, is a small grid of weights, here 3x3. At each position the window "
     "of input cells is multiplied cell by cell with the kernel and the products are added up. This kernel has -1 "
     "on the left and +1 on the right, so the sum is large where the input gets brighter from left to right: it "
     "finds a vertical edge.",
     "2D에서 필터(커널이라고도 함)는 작은 가중치 격자이며, 여기서는 3x3입니다. 각 위치에서 창 안의 입력 칸과 "
     "커널을 칸끼리 곱하고 그 곱을 모두 더합니다. 이 커널은 왼쪽이 -1, 오른쪽이 +1이라서 입력이 왼쪽에서 "
     "오른쪽으로 밝아지는 곳에서 합이 커집니다. 즉 세로 경계를 찾습니다."},
    {"lesson.filter.task", "Step (Next, or click an output cell) to a position where the output is 3.",
     "다음 버튼을 누르거나 출력 칸을 클릭해서 출력이 3인 위치로 가 보세요."},
    {"lesson.filter.hint", "The window must cover the dark and the bright columns at once.",
     "창이 어두운 열과 밝은 열을 동시에 덮어야 합니다."},
    {"lesson.filter.question", "How many weights does one 3x3 filter have on a one-channel input (without bias)?",
     "채널이 하나인 입력에서 3x3 필터 하나의 가중치는 몇 개인가요(편향 제외)?"},
    {"lesson.filter.a0", "3", "3"},
    {"lesson.filter.a1", "9", "9"},
    {"lesson.filter.a2", "6", "6"},
    {"lesson.filter.why", "3 \xC3\x97 3 = 9 weights, the same 9 at every position.", "3 \xC3\x97 3 = 9개이고, 모든 위치에서 같은 9개를 씁니다."},

    {"lesson.feature-maps.title", "Feature maps, ReLU and several filters", "특성 맵, ReLU, 여러 개의 필터"},
    {"lesson.feature-maps.text",
     "The grid of results is a feature map: it shows where the filter's pattern appears. After the sum (plus the "
     "bias) comes the activation; ReLU keeps positive values and turns negative ones into 0. Tick 'show before "
     "activation' to compare. A layer usually has several filters; each filter makes its own feature map, so the "
     "output has one channel per filter.",
     "결과 격자를 특성 맵이라고 합니다. 필터의 패턴이 어디에 나타나는지 보여 줍니다. 합(편향 포함) 다음에는 "
     "활성화 함수가 옵니다. ReLU는 양수는 그대로 두고 음수는 0으로 바꿉니다. '활성화 함수 적용 전 보기'를 "
     "체크해서 비교해 보세요. 층에는 보통 필터가 여러 개 있고, 필터마다 특성 맵을 하나씩 만들므로 출력의 채널 "
     "수는 필터 수와 같습니다."},
    {"lesson.feature-maps.task", "Set filters to 3 and look at each map with the filter slider.",
     "filters를 3으로 바꾸고 필터 슬라이더로 맵을 하나씩 보세요."},
    {"lesson.feature-maps.hint", "New filters get weights of their own; edit them by clicking a kernel cell.",
     "새 필터에는 각자의 가중치가 생깁니다. 커널 칸을 클릭해서 바꿀 수 있습니다."},
    {"lesson.feature-maps.question", "What does ReLU give for a sum of -3?", "합이 -3일 때 ReLU의 결과는 무엇인가요?"},
    {"lesson.feature-maps.a0", "-3", "-3"},
    {"lesson.feature-maps.a1", "0", "0"},
    {"lesson.feature-maps.a2", "3", "3"},
    {"lesson.feature-maps.why", "ReLU(x) = max(0, x), so negative sums become 0.", "ReLU(x) = max(0, x)이므로 음수 합은 0이 됩니다."},

    {"lesson.conv2d-line.title", "Reading a Conv2D line", "Conv2D 한 줄 읽기"},
    {"lesson.conv2d-line.text",
     "keras.layers.Conv2D(10, kernel_size=(3,3), activation='relu', padding='same', strides=1) means: 10 filters "
     "(10 feature maps), each 3x3; ReLU after the sum; 'same' padding so the map keeps the input's height and "
     "width; the window moves one cell at a time. Each filter has 3 \xC3\x97 3 \xC3\x97 channels weights plus one "
     "bias. The Formulas & code tab shows the count and the model.summary() table.",
     "keras.layers.Conv2D(10, kernel_size=(3,3), activation='relu', padding='same', strides=1)의 뜻: 필터 10개"
     "(특성 맵 10개), 각각 3x3, 합 다음에 ReLU, 세임 패딩이므로 맵의 높이와 너비가 입력과 같고, 창은 한 칸씩 "
     "움직입니다. 필터 하나에는 3 \xC3\x97 3 \xC3\x97 채널 수만큼의 가중치와 편향 하나가 있습니다. 공식과 코드 탭에서 "
     "개수와 model.summary() 표를 볼 수 있습니다."},
    {"lesson.conv2d-line.task", "Change filters so that the layer has exactly 40 parameters.",
     "층의 파라미터가 정확히 40개가 되도록 filters를 바꾸세요."},
    {"lesson.conv2d-line.hint", "One filter here: 3 \xC3\x97 3 \xC3\x97 1 weights + 1 bias = 10 parameters.",
     "여기서 필터 하나는 3 \xC3\x97 3 \xC3\x97 1개의 가중치 + 편향 1개 = 파라미터 10개입니다."},
    {"lesson.conv2d-line.question", "This layer on a 28x28x1 input: what is the output shape?",
     "이 층을 28x28x1 입력에 적용하면 출력 모양은 무엇인가요?"},
    {"lesson.conv2d-line.a0", "(26, 26, 10)", "(26, 26, 10)"},
    {"lesson.conv2d-line.a1", "(28, 28, 10)", "(28, 28, 10)"},
    {"lesson.conv2d-line.a2", "(28, 28, 1)", "(28, 28, 1)"},
    {"lesson.conv2d-line.why", "'same' with strides=1 keeps 28x28, and 10 filters give 10 channels.",
     "세임 패딩에 strides=1이면 28x28이 유지되고, 필터 10개가 채널 10개를 만듭니다."},

    {"lesson.padding.title", "Padding: valid and same", "패딩: 밸리드 패딩과 세임 패딩"},
    {"lesson.padding.text",
     "With 'valid' padding (Keras' default) the window stays inside the input, so a 3x3 kernel turns 5x5 into "
     "3x3, and the border cells are read by fewer windows than the centre. 'same' padding adds a border of zeros "
     "(hatched) so the output keeps the input's size and border cells count as much as the others.",
     "밸리드 패딩(케라스 기본값)에서는 창이 입력 안에서만 움직이므로 3x3 커널이 5x5를 3x3으로 줄이고, 가장자리 "
     "칸은 가운데 칸보다 적은 창에서 읽힙니다. 세임 패딩은 0으로 된 테두리(빗금)를 더해서 출력이 입력과 같은 "
     "크기를 유지하고 가장자리 칸도 다른 칸만큼 반영됩니다."},
    {"lesson.padding.task", "Choose the padding that keeps the output at 5x5.", "출력이 5x5로 유지되는 패딩을 고르세요."},
    {"lesson.padding.hint", "The padding menu is under Layer 1.", "패딩 메뉴는 1번째 층 아래에 있습니다."},
    {"lesson.padding.question", "Why does 'same' padding help the border?", "세임 패딩이 가장자리에 도움이 되는 이유는?"},
    {"lesson.padding.a0", "Border cells are read by more windows, and the map keeps its size",
     "가장자리 칸이 더 많은 창에서 읽히고, 맵의 크기가 유지되기 때문"},
    {"lesson.padding.a1", "The zeros add new information about the picture", "0이 그림에 대한 새로운 정보를 더하기 때문"},
    {"lesson.padding.a2", "The kernel becomes smaller at the border", "가장자리에서 커널이 작아지기 때문"},
    {"lesson.padding.why", "Zeros add nothing to a sum; they only let the window reach the border cells.",
     "0은 합에 아무것도 더하지 않습니다. 창이 가장자리 칸까지 닿게 해 줄 뿐입니다."},

    {"lesson.stride.title", "Stride, and when it does not divide evenly", "스트라이드, 그리고 나누어떨어지지 않을 때"},
    {"lesson.stride.text",
     "The stride is how far the window jumps. With strides=2 it skips every other position and the output is about "
     "half as big: out = floor((n + padding - k) / s) + 1. When (n + padding - k) is not a multiple of s, the last "
     "rows and columns are never read: the app crosses them out.",
     "스트라이드는 창이 한 번에 건너뛰는 거리입니다. strides=2이면 한 칸씩 건너뛰므로 출력이 절반 정도가 됩니다: "
     "출력 = floor((n + 패딩 - k) / s) + 1. (n + 패딩 - k)가 s의 배수가 아니면 마지막 행과 열은 한 번도 읽히지 "
     "않습니다. 앱은 그 칸에 X를 표시합니다."},
    {"lesson.stride.task", "Set strides to 2. Which row and column are never read?",
     "strides를 2로 바꾸세요. 어느 행과 열이 한 번도 읽히지 않나요?"},
    {"lesson.stride.hint", "Watch the window jump with Next.", "다음 버튼으로 창이 건너뛰는 것을 보세요."},
    {"lesson.stride.question", "7x7 input, 3x3 kernel, strides=2, 'valid': what size is the output?",
     "7x7 입력, 3x3 커널, strides=2, 밸리드 패딩: 출력 크기는?"},
    {"lesson.stride.a0", "3x3", "3x3"},
    {"lesson.stride.a1", "4x4", "4x4"},
    {"lesson.stride.a2", "2x2", "2x2"},
    {"lesson.stride.why", "floor((7 - 3) / 2) + 1 = 3, and 7 - 3 = 4 divides evenly: nothing is dropped.",
     "floor((7 - 3) / 2) + 1 = 3이고, 7 - 3 = 4가 나누어떨어지므로 버려지는 칸이 없습니다."},

    {"lesson.pooling.title", "Pooling: max and average", "풀링: 최대 풀링과 평균 풀링"},
    {"lesson.pooling.text",
     "Pooling shrinks a feature map. Max pooling keeps the largest value in each window; average pooling keeps "
     "the mean. MaxPooling2D(2) uses 2x2 windows and, by default, strides equal to the pool size, so the windows "
     "do not overlap and the map halves. Pooling has no weights: nothing is learned, it only picks or averages.",
     "풀링은 특성 맵을 줄입니다. 최대 풀링은 각 창에서 가장 큰 값을, 평균 풀링은 평균을 남깁니다. "
     "MaxPooling2D(2)는 2x2 창을 쓰고, 기본 스트라이드가 풀 크기와 같아서 창이 겹치지 않고 맵이 절반이 됩니다. "
     "풀링에는 가중치가 없습니다. 학습하는 것 없이 고르거나 평균을 낼 뿐입니다."},
    {"lesson.pooling.task", "Set the pooling strides to 1: the windows overlap and the map becomes 3x3.",
     "풀링의 strides를 1로 바꾸세요. 창이 겹치고 맵이 3x3이 됩니다."},
    {"lesson.pooling.hint", "Select the pooling layer on the left, then move its strides slider.",
     "왼쪽에서 풀링 층을 선택하고 strides 슬라이더를 움직이세요."},
    {"lesson.pooling.question", "How many weights does MaxPooling2D(2) have?", "MaxPooling2D(2)의 가중치는 몇 개인가요?"},
    {"lesson.pooling.a0", "4", "4"},
    {"lesson.pooling.a1", "0", "0"},
    {"lesson.pooling.a2", "1", "1"},
    {"lesson.pooling.why", "None: max and average are fixed rules, so model.summary() shows 0 parameters.",
     "없습니다. 최댓값과 평균은 정해진 규칙이라 model.summary()에 파라미터 0개로 나옵니다."},

    {"lesson.channels.title", "Multi-channel input", "여러 채널의 입력"},
    {"lesson.channels.text",
     "A colour picture has 3 channels (R, G, B). A filter then has depth: one 3x3 slice per input channel, so "
     "3 \xC3\x97 3 \xC3\x97 3 weights. At each position all slices are multiplied with their channel and everything "
     "is added into one number: one filter still gives one feature map. Two filters give two maps.",
     "컬러 그림은 채널이 3개(R, G, B)입니다. 이때 필터에도 깊이가 생깁니다. 입력 채널마다 3x3 조각이 하나씩 "
     "있으므로 가중치는 3 \xC3\x97 3 \xC3\x97 3개입니다. 각 위치에서 모든 조각을 해당 채널과 곱하고 전부 더해서 숫자 "
     "하나를 만듭니다. 그래서 필터 하나는 여전히 특성 맵 하나를 만들고, 필터 두 개는 맵 두 개를 만듭니다."},
    {"lesson.channels.task", "Walk the second filter: set the filter slider to 2.",
     "두 번째 필터를 보세요: 필터 슬라이더를 2로 옮기세요."},
    {"lesson.channels.hint", "The slider is next to the timeline.", "슬라이더는 단계 막대 옆에 있습니다."},
    {"lesson.channels.question", "Input 5x5x3, Conv2D(2, kernel_size=3): what shape is one filter's kernel?",
     "입력 5x5x3, Conv2D(2, kernel_size=3): 필터 하나의 커널 모양은?"},
    {"lesson.channels.a0", "3x3", "3x3"},
    {"lesson.channels.a1", "3x3x3", "3x3x3"},
    {"lesson.channels.a2", "3x3x2", "3x3x2"},
    {"lesson.channels.why", "The kernel has the input's depth (3); the 2 filters are two such kernels.",
     "커널의 깊이는 입력 채널 수(3)와 같고, 필터 2개는 그런 커널이 두 개라는 뜻입니다."},
    {"lesson.to-a-prediction.title", "From feature maps to a prediction", "특성 맵에서 예측까지"},
    {"lesson.to-a-prediction.text",
     "After the convolutions and pooling, the chapter's CNN turns its maps into a prediction. Flatten lays every "
     "cell of the maps out in one row (row by row, the channels of a cell together: Keras' HWC order). Dense then "
     "connects every one of those values to every unit: each unit multiplies all its inputs by its own weights, "
     "adds them up with its bias, and applies the activation. With activation='softmax' the last Dense layer turns "
     "its units into probabilities that add up to 1: the class with the largest one is the prediction.",
     "합성곱과 풀링 뒤에 이 장의 CNN은 맵을 예측으로 바꿉니다. Flatten 층은 맵의 모든 칸을 한 줄로 펼칩니다 (행 "
     "순서대로, 한 칸의 채널은 함께: 케라스의 HWC 순서). 그다음 밀집층(Dense)은 그 값 하나하나를 모든 유닛에 "
     "연결합니다. 유닛마다 모든 입력에 자기 가중치를 곱해 더하고 편향을 더한 뒤 활성화 함수를 적용합니다. "
     "activation='softmax'인 마지막 밀집층은 유닛 값을 합이 1인 확률로 바꿉니다. 확률이 가장 큰 클래스가 예측입니다."},
    {"lesson.to-a-prediction.task",
     "In the Flatten layer, walk to the entry that comes from row 1, column 0 of channel 2 of the pooled maps "
     "(hover a cell of the maps to see where it lands).",
     "Flatten 층에서, 풀링된 맵의 채널 2, 1행 0열에서 온 항목까지 이동하세요 (맵의 칸 위에 포인터를 올리면 펼친 "
     "벡터에서의 위치가 보입니다)."},
    {"lesson.to-a-prediction.hint",
     "The pooled maps are 3x3 with 2 channels: index = (row x 3 + column) x 2 + channel, counting from 0.",
     "풀링된 맵은 3x3, 채널 2개입니다: 위치 = (행 x 3 + 열) x 2 + 채널 (0부터 셉니다)."},
    {"lesson.to-a-prediction.question",
     "How many parameters has Dense(3, activation='softmax') after a Flatten of 18 values?",
     "18개 값을 펼친 Flatten 뒤의 Dense(3, activation='softmax')의 파라미터는 몇 개인가요?"},
    {"lesson.to-a-prediction.a0", "54", "54"},
    {"lesson.to-a-prediction.a1", "57", "57"},
    {"lesson.to-a-prediction.a2", "21", "21"},
    {"lesson.to-a-prediction.why", "18 inputs x 3 units = 54 weights, plus 3 biases: 57.",
     "입력 18개 x 유닛 3개 = 가중치 54개, 여기에 편향 3개를 더해 57개입니다."},
    {"lesson.transposed.title", "Transposed convolution: how a decoder grows a map",
     "전치 합성곱: 디코더가 맵을 키우는 방법"},
    {"lesson.transposed.text",
     "A convolution with strides 2 halves a map; Conv2DTranspose with strides 2 doubles it, as the decoders of "
     "autoencoders and segmentation networks do. Each input cell stamps the kernel, times its own value, into "
     "the output, the stamps strides cells apart; where stamps overlap, they add up. The same numbers come from a "
     "plain convolution: insert strides - 1 zeros between the input cells, pad, flip the kernel and slide it one "
     "cell at a time. The walk shows both pictures.",
     "strides 2인 합성곱은 맵을 절반으로 줄이고, strides 2인 Conv2DTranspose는 두 배로 키웁니다. 오토인코더나 "
     "분할 네트워크의 디코더가 하는 일입니다. 입력 칸마다 커널에 자기 값을 곱한 도장을 strides 간격으로 출력에 "
     "찍고, 도장이 겹치는 곳은 더합니다. 같은 값을 보통 합성곱으로도 얻습니다: 입력 칸 사이에 0을 strides - 1개 "
     "끼워 넣고 패딩한 뒤, 커널을 뒤집어 한 칸씩 밉니다. 단계별 보기가 두 그림을 모두 보여 줍니다."},
    {"lesson.transposed.task", "Set strides to 1: the stamps overlap and add up, and the output becomes 3x3.",
     "strides를 1로 바꾸세요. 도장이 겹쳐서 더해지고 출력이 3x3이 됩니다."},
    {"lesson.transposed.hint", "The layer's strides slider is on the left (Input and layers).",
     "층의 strides 슬라이더는 왼쪽(입력과 층)에 있습니다."},
    {"lesson.transposed.question",
     "What shape does Conv2DTranspose(1, 3, strides=2, padding='same') give a 4x4 map?",
     "Conv2DTranspose(1, 3, strides=2, padding='same')는 4x4 맵을 어떤 크기로 만드나요?"},
    {"lesson.transposed.a0", "7x7", "7x7"},
    {"lesson.transposed.a1", "8x8", "8x8"},
    {"lesson.transposed.a2", "9x9", "9x9"},
    {"lesson.transposed.why", "With padding='same' Keras makes it input x strides: 4 x 2 = 8 a side.",
     "padding='same'이면 케라스는 입력 x strides로 만듭니다: 한 변이 4 x 2 = 8입니다."},

    // [SECTION] Exercises
    {"ex.heading", "Exercises", "연습 문제"},
    {"ex.score", "Score: %d of %d", "점수: %d / %d"},
    {"ex.set", "set %u, problem %d", "문제 세트 %u, %d번"},
    {"ex.seed", "set number", "세트 번호"},
    {"ex.seed_tip", "Give the class the same number and everyone gets the same problems.",
     "반 전체에 같은 번호를 주면 모두 같은 문제를 풉니다."},
    {"ex.check", "Check", "확인"},
    {"ex.next", "Next problem", "다음 문제"},
    {"ex.open_walk", "Open in the Walk tab", "단계별 보기 탭에서 열기"},
    {"ex.correct", "Correct!", "정답입니다!"},
    {"ex.wrong", "Not right. Here is how to get it:", "틀렸습니다. 이렇게 구합니다:"},
    {"ex.solution", "Worked solution", "풀이"},
    {"ex.answer_shape", "height, width, channels", "높이, 너비, 채널"},
    {"ex.answer_value", "value", "값"},
    {"ex.answer_padding", "zeros per side", "한쪽 패딩 칸 수"},
    {"ex.answer_params", "parameters", "파라미터"},
    {"ex.rows", "rows", "행"},
    {"ex.cols", "columns", "열"},
    {"ex.bias", "bias", "편향"},
    {"ex.shape.prompt", "Input %dx%dx%d, then %s. What is the output shape (height, width, channels)?",
     "입력 %dx%dx%d에 %s를 적용합니다. 출력 모양(높이, 너비, 채널)은?"},
    {"ex.shape.same", "%s: 'same' gives ceil(%d / %d) = %d (padding %d before, %d after)",
     "%s: 세임 패딩이므로 ceil(%d / %d) = %d (앞 패딩 %d, 뒤 패딩 %d)"},
    {"ex.shape.valid", "%s: 'valid' gives floor((%d - %d) / %d) + 1 = %d", "%s: 밸리드 패딩이므로 floor((%d - %d) / %d) + 1 = %d"},
    {"ex.shape.filters", "channels: one feature map per filter = %d", "채널: 필터마다 특성 맵 하나 = %d"},
    {"ex.shape.channels", "channels: pooling keeps the %d channels", "채널: 풀링은 채널 %d개를 그대로 둡니다"},
    {"ex.shape.answer", "Output shape %s", "출력 모양 %s"},
    {"ex.value.prompt",
     "Compute output cell (row %d, column %d, counted from 0) of this %dx%d convolution (strides=%d, padding '%s', activation %s). "
     "The input and kernel are shown below.",
     "출력 칸 (%d행, %d열, 0부터 셈)의 값을 계산하세요. 합성곱 %dx%d, strides=%d, 패딩 '%s', 활성화 함수 %s. "
     "입력과 커널은 아래에 있습니다."},
    {"ex.value.window", "The window starts at row %d, column %d of the padded input:",
     "창은 패딩된 입력의 %d행 %d열에서 시작합니다:"},
    {"ex.value.pads", "%d of the cells are padding (0) and add nothing.", "그중 %d칸은 패딩(0)이라 더해지는 것이 없습니다."},
    {"ex.keep.prompt",
     "A %dx%d input and a %dx%d kernel with strides=1. How many zeros per side keep the output the same size?",
     "%dx%d 입력과 %dx%d 커널, strides=1. 출력 크기가 그대로이려면 한쪽에 0을 몇 칸 채워야 하나요?"},
    {"ex.keep.solution",
     "out = n + 2p - k + 1 must equal n = %d, so 2p = k - 1 = %d - 1 with k = %d: p = %d. Check: %d + 2\xC3\x97%d - %d "
     "+ 1 = %d. In Keras this is padding='same'.",
     "출력 = n + 2p - k + 1 이 n = %d 과 같아야 하므로 2p = k - 1 = %d - 1 (k = %d): p = %d. 확인: %d + 2\xC3\x97%d - "
     "%d + 1 = %d. 케라스에서는 padding='same'입니다."},
    {"ex.maxpool.prompt",
     "MaxPooling2D(pool_size=(%d, %d), strides=%d) on the input below: which value lands in output (row %d, column "
     "%d, counted from 0)?",
     "아래 입력에 MaxPooling2D(pool_size=(%d, %d), strides=%d)를 적용합니다. 출력의 (%d행, %d열, 0부터 셈)에 들어가는 값은?"},
    {"ex.maxpool.solution", "The window holds %s; the largest is %s.", "창 안의 값은 %s이고, 가장 큰 값은 %s입니다."},
    {"ex.params.prompt", "Input %dx%dx%d, then %s. How many trainable parameters does this layer have?",
     "입력 %dx%dx%d에 %s를 적용합니다. 이 층의 학습 가능한 파라미터는 몇 개인가요?"},
    {"ex.params.solution", "(%d \xC3\x97 %d \xC3\x97 %d%s) \xC3\x97 %d filters = %lld",
     "(%d \xC3\x97 %d \xC3\x97 %d%s) \xC3\x97 필터 %d개 = %lld"},
    {"ex.params.pool", "0: pooling has no weights.", "0: 풀링에는 가중치가 없습니다."},

    // [SECTION] Step in words (aria-live)
    {"desc.none", "Nothing to walk in this scene.", "이 장면에는 단계가 없습니다."},
    {"desc.step", "Step %d of %d: output row %d, column %d, %s %d.", "%d단계 (전체 %d단계): 출력 %d행 %d열, %s %d."},
    {"desc.filter", "filter", "필터"},
    {"desc.channel", "channel", "채널"},
    {"desc.window", "The window starts at row %d, column %d of the padded input.",
     "창은 패딩된 입력의 %d행 %d열에서 시작합니다."},
    {"desc.times", "%s times %s", "%s 곱하기 %s"},
    {"desc.conv", "Products: %s. Sum %s, plus bias %s, gives %s.", "곱: %s. 합 %s에 편향 %s를 더하면 %s입니다."},
    {"desc.conv_nobias", "Products: %s. Their sum is %s.", "곱: %s. 합은 %s입니다."},
    {"desc.activation", "After %s: %s.", "%s 적용 후: %s."},
    {"desc.pads", "%d of the cells are padding.", "그중 %d칸은 패딩입니다."},
    {"desc.max", "The largest of %s is %s.", "%s 중 가장 큰 값은 %s입니다."},
    {"desc.softmax", "Softmax of %s: the exponentials add up to %s; this one's share is %s.",
     "%s의 소프트맥스: 지수 값의 합은 %s이고, 이 원소의 몫은 %s입니다."},
    {"desc.rule", "The rule with the numbers: %s.", "숫자를 넣은 계산: %s."},
    {"desc.avg", "The sum of the real cells %s is %s, divided by %d gives %s.",
     "실제 칸 %s의 합은 %s이고, %d로 나누면 %s입니다."},

    // [SECTION] Errors (i18n/error_text.h): "err.<code>" renders cs::Error::args.
    // {N} is argument N, {N|key=text|*=text} chooses by it, {N:part} renders
    // "err.<part>.<argument N>". The English column is the core's message
    // (the UI shows Error::message itself; a test renders these and compares),
    // so the Korean column is the one read on screen. Particles never follow
    // a number or a user's text directly: a fixed word comes between.
    // Validation (core/validate.cpp)
    {"err.one_d_row_entry", "a 1D layer's {0} has one axis; the row entry must be 1, got {1}",
     "1D 층의 {0}에는 축이 하나뿐이므로 행 항목은 1이어야 하는데 {1}입니다"},
    {"err.value_out_of_range", "{0|=|*={0} }must be between {1} and {2}, got {3}",
     "{0|=값은|*={0} 값은} {1}에서 {2} 사이여야 하는데 {3}입니다"},
    {"err.input_dim_out_of_range", "{0} must be between {1} and {2}, got {3}",
     "{0|rows=행 수는|columns=열 수는|steps=스텝 수는|units=유닛 수는|channels=채널 수는} {1}에서 {2} 사이여야 하는데 {3}입니다"},
    {"err.layer_rank_mismatch",
     "{0} needs {1|1=a vector|2=a [steps, channels] input|*=a [rows, columns, channels] input} but receives shape "
     "{2}{1|1= (add Flatten before it; Keras would apply {0} to each position's {4} channels on its own)"
     "|*={3|1= (a vector has no rows and columns)|*={1|2= (use the 2D layer types, or a 2-entry input shape)"
     "|*= (a 1D tensor; use the 1D layer types)}}}",
     "{0} 층에는 {1|1=벡터|2=[스텝, 채널] 모양의 입력|*=[행, 열, 채널] 모양의 입력}이 필요한데 {2} 모양을 받았습니다 "
     "{1|1=(앞에 Flatten을 넣으세요. 케라스라면 위치마다 채널 {4}개에 {0} 층을 따로 적용합니다)"
     "|*={3|1=(벡터에는 행과 열이 없습니다)|*={1|2=(2D 층 종류를 쓰거나, 입력 모양을 항목 2개로 적으세요)"
     "|*=(1D 텐서입니다. 1D 층 종류를 쓰세요)}}}"},
    {"err.empty_input_tensor", "receives an empty tensor {0}", "입력으로 받은 텐서가 비어 있습니다: {0}"},
    {"err.pool_no_dilation", "pooling layers have no dilation", "풀링 층에는 dilation_rate가 없습니다"},
    {"err.count_include_pad_not_average", "only average pooling has count_include_pad",
     "count_include_pad는 평균 풀링에만 있습니다"},
    {"err.pool_no_weights", "pooling layers have no weights", "풀링 층에는 가중치가 없습니다"},
    {"err.one_d_no_vertical_padding", "a 1D layer has no top/bottom padding", "1D 층에는 위/아래 패딩이 없습니다"},
    {"err.pad_out_of_range",
     "{0} padding must be between 0 and {1} (the {2|kernel=kernel|*=pooling window} spans {3} "
     "{4|row={3|1=row|*=rows}|column={3|1=column|*=columns}|*={3|1=step|*=steps}}), got {5}",
     "{0|top=위쪽|bottom=아래쪽|left=왼쪽|*=오른쪽} 패딩은 0에서 {1} 사이여야 하는데 {5}입니다 "
     "({2|kernel=커널|*=풀링 창}이 {4|row={3}행|column={3}열|*={3}개 스텝}에 걸치므로)"},
    {"err.conv_pad_out_of_range", "{0} padding must be between 0 and {1}, got {2}",
     "{0|top=위쪽|bottom=아래쪽|left=왼쪽|*=오른쪽} 패딩은 0에서 {1} 사이여야 하는데 {2}입니다"},
    {"err.causal_conv1d_only",
     "\"causal\" padding is for Conv1D only ({0} has valid, same, full or explicit padding)",
     "\"causal\" 패딩은 Conv1D에만 있습니다 ({0} 층은 valid, same, full 또는 직접 지정한 패딩을 씁니다)"},
    {"err.transpose_padding", "Conv2DTranspose takes \"valid\" or \"same\" padding, got \"{0}\"",
     "Conv2DTranspose 층의 패딩은 \"valid\" 또는 \"same\"이어야 하는데 \"{0}\"입니다"},
    {"err.output_padding_not_below_stride", "output_padding must be smaller than strides ({0}), got {1}",
     "output_padding은 strides({0})보다 작아야 하는데 {1}입니다"},
    {"err.output_padding_mismatch",
     "gives {0} {1|rows=rows|*=columns}, but a convolution over them (kernel {2}, stride {3}, '{4}') would give "
     "back {5}, not the input's {6}: TensorFlow refuses this output_padding",
     "출력이 {1|rows=행|*=열} {0}개가 되는데, 그 위의 합성곱(커널 {2}, 스트라이드 {3}, '{4}')은 입력의 {6}개가 아니라 "
     "{5}개를 돌려줍니다. 텐서플로는 이 output_padding을 받지 않습니다"},
    {"err.pads_without_explicit", "explicit pads are set but the mode is \"{0}\"",
     "패딩 값이 직접 지정되어 있지만 패딩 방식이 "
     "{0|valid=밸리드 패딩(\"valid\")|same=세임 패딩(\"same\")|full=풀 패딩(\"full\")|*=\"{0}\"}입니다"},
    {"err.kernel_too_many_weights", "{0} weights; the limit is 67108864 (64 M) per tensor",
     "가중치가 {0}개입니다. 텐서 하나에 67108864개(64 M)까지만 허용됩니다"},
    {"err.weight_count", "expected {0} numbers ({1|=|*={1}, }{2:layout}), got {3}",
     "숫자 {0}개가 필요한데 {3}개가 있습니다 ({1|=|*={1}, }{2:layout})"},
    {"err.weight_switched_off", "given, but {0} is false", "값이 있지만 {0}가 false입니다"},
    {"err.kernel_exceeds_padded_input",
     "{0|kernel=the kernel|dilated_kernel=the dilated kernel|*=the pooling window} spans {1} "
     "{2|row={1|1=row|*=rows}|column={1|1=column|*=columns}|*={1|1=step|*=steps}} but the padded input has only {3} "
     "({4} {2|row={4|1=row|*=rows}|column={4|1=column|*=columns}|*={4|1=step|*=steps}}"
     "{5|0=, no padding|*= + {5} padding})",
     "{0|kernel=커널|dilated_kernel=dilation_rate를 적용한 커널|*=풀링 창}이 {2|row={1}행|column={1}열|*={1}개 스텝}에 "
     "걸치는데 패딩된 입력은 {2|row={3}행|column={3}열|*={3}개 스텝}뿐입니다 "
     "({2|row={4}행|column={4}열|*={4}개 스텝}{5|0=, 패딩 없음|*= + 패딩 {5}})"},
    {"err.output_too_large", "the output would be {0}x{1}; the limit is {2} per axis",
     "출력이 {0}x{1} 크기가 됩니다. 축마다 {2}칸까지만 허용됩니다"},
    {"err.output_too_many_elements", "the output would have {0} elements; the limit is 67108864 (64 M) per tensor",
     "출력의 원소가 {0}개가 됩니다. 텐서 하나에 67108864개(64 M)까지만 허용됩니다"},
    {"err.one_d_input_height", "a 1D input has h == 1", "1D 입력은 h == 1이어야 합니다"},
    {"err.input_too_many_elements", "{0} elements; the limit is 67108864 (64 M) per tensor",
     "원소가 {0}개입니다. 텐서 하나에 67108864개(64 M)까지만 허용됩니다"},
    {"err.input_data_count", "expected {0} numbers, got {1}", "숫자 {0}개가 필요한데 {1}개가 있습니다"},
    {"err.too_many_layers", "{0} layers; the limit is {1}", "층이 {0}개입니다. 최대 {1}개까지 허용됩니다"},
    {"err.float_key_out_of_range", "{0} must be at least {1} and {2|1=below|*=at most} {3}, got {4}",
     "{0} 값은 {1} 이상 {3} {2|1=미만|*=이하}이어야 하는데 {4}입니다"},
    {"err.axis_not_last",
     "axis {0} is not supported; ConvScope works on the last axis (-1 or {1} here)",
     "{0}번 축은 지원하지 않습니다. ConvScope는 마지막 축(-1, 여기서는 {1})만 계산합니다"},
    // Training (core/train/).
    {"err.unknown_optimizer", "unknown optimizer \"{0}\"; ConvScope has sgd, rmsprop and adam",
     "알 수 없는 옵티마이저 \"{0}\"입니다. ConvScope에는 sgd, rmsprop, adam이 있습니다"},
    {"err.unknown_loss",
     "unknown loss \"{0}\"; ConvScope trains with sparse_categorical_crossentropy, categorical_crossentropy or mse",
     "알 수 없는 손실 함수 \"{0}\"입니다. ConvScope는 sparse_categorical_crossentropy, categorical_crossentropy, mse로 훈련합니다"},
    {"err.train_no_layers", "a model without layers cannot be trained", "층이 없는 모델은 훈련할 수 없습니다"},
    {"err.train_output_not_vector",
     "the last layer's output is {0}; a classifier ends in a vector of classes (Flatten or global pooling, then Dense)",
     "마지막 층의 출력이 {0}입니다. 분류기는 클래스 벡터로 끝나야 합니다(Flatten이나 전역 풀링 뒤에 Dense)"},
    {"err.train_needs_softmax", "{0} needs a softmax at the end (activation \"softmax\" or a Softmax layer)",
     "{0}에는 끝에 소프트맥스가 필요합니다(activation \"softmax\" 또는 Softmax 층)"},
    {"err.train_no_examples", "there are no examples to learn from", "학습할 샘플이 없습니다"},
    {"err.train_shape_mismatch", "examples are {0} but the model takes {1}",
     "샘플의 크기는 {0}인데 모델은 {1}을 받습니다"},
    {"err.train_data_size", "the example data does not match the example count",
     "샘플 데이터의 개수가 샘플 수와 맞지 않습니다"},
    {"err.train_label_out_of_range", "label {0} is outside 0 .. {1} (the model has {2} outputs)",
     "레이블 {0}이 0 .. {1} 범위를 벗어납니다(모델의 출력은 {2}개입니다)"},
    {"err.train_bad_epochs", "epochs must be between 1 and 100000, got {0}",
     "에포크는 1에서 100000 사이여야 하는데 {0}입니다"},
    {"err.train_bad_batch_size", "batch_size must be between 1 and 65536, got {0}",
     "batch_size는 1에서 65536 사이여야 하는데 {0}입니다"},
    {"err.train_bad_learning_rate", "learning_rate must be a positive number", "learning_rate는 양수여야 합니다"},
    {"err.train_bad_validation_split", "validation_split must be at least 0 and below 1",
     "validation_split은 0 이상 1 미만이어야 합니다"},
    {"err.zero_padding_out_of_range", "{0} padding must be between 0 and {1}, got {2}",
     "{0|top=위쪽|bottom=아래쪽|left=왼쪽|*=오른쪽} 패딩은 0에서 {1} 사이여야 하는데 {2}입니다"},
    {"err.input_layer_shape_mismatch", "declares the input shape {0} but the scene's input is {1}",
     "입력 모양을 {0}(으)로 선언했지만 장면의 입력은 {1}입니다"},
    // Scene documents (core/scene.cpp); JSON syntax errors stay English.
    {"err.wrong_type",
     "expected {0|null=null|boolean=a boolean|number=a number|string=a string|array=an array|*=an object}, got "
     "{1:json}",
     "{0|null=null이|boolean=true나 false가|number=숫자가|string=문자열이|array=배열이|*=객체가} 와야 하는데 "
     "{1:json}입니다"},
    {"err.unknown_key",
     "unknown key \"{0}\" in {1|scene=the scene|input=the input|*=a {1} layer}"
     "{2|=; allowed keys: {3}|*= (did you mean \"{2}\"?)}",
     "{1|scene=장면|input=입력|*={1} 층}에서 쓸 수 없는 키입니다: \"{0}\"{2|=. 쓸 수 있는 키: {3}|*= (혹시 \"{2}\"인가요?)}"},
    {"err.missing_type", "missing; every layer names its type, e.g. \"Conv2D\"",
     "빠져 있습니다. 층마다 종류를 적어야 합니다. 예: \"Conv2D\""},
    {"err.missing_key",
     "missing; a {1} needs \"{0}\"{2|int= ({3} to {4})|size1=, e.g. 3|size2=, e.g. 3 or [3, 3]|*=}",
     "빠져 있습니다. {1} 층에는 \"{0}\" 값이 필요합니다{2|int= ({3}에서 {4}까지)|size1=. 예: 3|size2=. 예: 3 또는 [3, "
     "3]|*=}"},
    {"err.unsupported_value",
     "{0} {1:json} is not supported; {0|data_format=ConvScope computes \"channels_last\" (HWC) tensors, as Keras "
     "does by default|groups=ConvScope computes groups=1 (every filter sees every input channel)"
     "|dilation_rate=ConvScope computes dilation_rate=1|*=only null}",
     "{0} 값 {1:json}은 지원하지 않습니다. {0|data_format=ConvScope는 케라스 기본값인 \"channels_last\"(HWC) 텐서만 "
     "계산합니다|groups=ConvScope는 groups=1(모든 필터가 모든 입력 채널을 보는 경우)만 계산합니다"
     "|dilation_rate=ConvScope는 dilation_rate=1만 계산합니다|*=null만 쓸 수 있습니다}"},
    {"err.missing_input_shape",
     "missing; the input needs \"shape\": [rows, columns, channels] (or [steps, channels] for 1D layers)",
     "빠져 있습니다. 입력에는 \"shape\"가 필요합니다: [행, 열, 채널] (1D 층이면 [스텝, 채널])"},
    {"err.missing_version", "missing; a scene starts with \"version\": 1",
     "빠져 있습니다. 장면은 \"version\": 1로 시작합니다"},
    {"err.missing_input", "missing; a scene needs an \"input\" {shape, data}",
     "빠져 있습니다. 장면에는 \"input\"({shape, data})이 필요합니다"},
    {"err.expected_integer", "expected an integer, got {0:json}", "정수가 와야 하는데 {0:json}입니다"},
    {"err.not_integer", "expected an integer, got {0}", "정수가 와야 하는데 {0}입니다"},
    {"err.integer_far_out_of_range", "integer {0} is far out of range", "범위를 크게 벗어난 정수입니다: {0}"},
    {"err.expected_size",
     "expected an integer or a list of {0|1=1 integer|*=2 integers [rows, columns]}, got {1:json}{3|=|*= of {3}}",
     "정수 하나 또는 {0|1=정수 1개짜리 리스트가|*=정수 2개짜리 리스트 [행, 열]이} 와야 하는데 "
     "{1:json}{3|=|*=(항목 {3}개)}입니다"},
    {"err.float_out_of_range",
     "number is outside the float range (about +-3.4e38); write \"Infinity\" or \"-Infinity\" for an infinite value",
     "숫자가 float 범위(약 +-3.4e38)를 벗어납니다. 무한대는 \"Infinity\" 또는 \"-Infinity\"로 적으세요"},
    {"err.expected_number", "expected a number (or \"NaN\", \"Infinity\", \"-Infinity\"), got {0:json}",
     "숫자(또는 \"NaN\", \"Infinity\", \"-Infinity\")가 와야 하는데 {0:json}입니다"},
    {"err.nested_too_deep", "nested {0} levels deep; expected at most {1} (or one flat list)",
     "리스트가 {0}단계로 중첩되어 있습니다. 최대 {1}단계(또는 평평한 리스트 하나)까지 쓸 수 있습니다"},
    {"err.nested_count", "expected {0} entries ({1:dim}), got {2}", "항목 {0}개({1:dim})가 필요한데 {2}개가 있습니다"},
    {"err.nested_expected_list", "expected a list ({0:dim}), got a number", "리스트({0:dim})가 와야 하는데 숫자입니다"},
    {"err.padding_unknown_mode",
     "expected \"valid\", \"same\", \"full\"{0|1=, \"causal\"|*=} or explicit padding {0|1=[left, right]|*=[[top, "
     "bottom], [left, right]]}, got {1:json}",
     "\"valid\", \"same\", \"full\"{0|1=, \"causal\"|*=} 또는 직접 지정한 패딩 {0|1=[왼쪽, 오른쪽]|*=[[위, 아래], [왼쪽, 오른쪽]]}이 와야 "
     "하는데 {1:json}입니다"},
    {"err.padding_wrong_type",
     "expected \"valid\", \"same\", \"full\"{0|1=, \"causal\"|*=} or {0|1=[left, right]|*=[[top, bottom], [left, "
     "right]]}, got {1:json}",
     "\"valid\", \"same\", \"full\"{0|1=, \"causal\"|*=} 또는 {0|1=[왼쪽, 오른쪽]|*=[[위, 아래], [왼쪽, 오른쪽]]} 모양의 패딩이 와야 하는데 "
     "{1:json}입니다"},
    {"err.padding_explicit_shape",
     "explicit {0|1=1D|*=2D} padding is {0|1=[left, right]|*=[[top, bottom], [left, right]]}",
     "직접 지정하는 {0|1=1D|*=2D} 패딩은 {0|1=[왼쪽, 오른쪽]|*=[[위, 아래], [왼쪽, 오른쪽]]} 모양으로 적습니다"},
    {"err.padding_pair", "expected [{0|0=top, bottom|*=left, right}], got {1:json}",
     "[{0|0=위, 아래|*=왼쪽, 오른쪽}] 모양이 와야 하는데 {1:json}입니다"},
    {"err.activation_wrong_type",
     "expected \"linear\", \"relu\", \"sigmoid\", \"tanh\", \"softmax\" or null, got {0:json}",
     "\"linear\", \"relu\", \"sigmoid\", \"tanh\", \"softmax\" 또는 null이 와야 하는데 {0:json}입니다"},
    {"err.activation_unknown",
     "unsupported activation \"{0}\"; expected \"linear\", \"relu\", \"sigmoid\", \"tanh\", \"softmax\" or null",
     "지원하지 않는 활성화 함수입니다: \"{0}\". \"linear\", \"relu\", \"sigmoid\", \"tanh\", \"softmax\" 또는 "
     "null을 쓰세요"},
    {"err.layer_type_unknown", "unknown layer type \"{0}\"; expected {1}",
     "알 수 없는 층 종류입니다: \"{0}\". 다음 중 하나를 쓰세요: {1}"},
    {"err.input_shape_form",
     "expected [rows, columns, channels], [steps, channels] or [units], got {0:json}{2|=|*= of {2}}",
     "[행, 열, 채널], [스텝, 채널] 또는 [유닛] 모양이 와야 하는데 {0:json}{2|=|*=(항목 {2}개)}입니다"},
    {"err.input_data_count_shaped", "expected {0} numbers ({1}, {2|1=row-major LC|*=row-major HWC}), got {3}",
     "숫자 {0}개가 필요한데 {3}개가 있습니다 ({1}, 행 우선 {2|1=LC|*=HWC} 순서)"},
    {"err.version_unsupported", "this reader understands version 1, got {0:json}",
     "이 프로그램은 version 1만 읽을 수 있습니다. 받은 값: {0:json}"},
    {"err.seed_negative", "a seed is 0 or more, got {0}", "시드는 0 이상이어야 하는데 {0}입니다"},
    {"err.missing_config", "missing; a Keras layer keeps its keys in \"config\"",
     "빠져 있습니다. 케라스 층은 키를 \"config\" 안에 적습니다"},
    {"err.dtype_not_float32", "dtype \"{0}\" is not supported; ConvScope computes float32",
     "dtype \"{0}\"은 지원하지 않습니다. ConvScope는 float32로 계산합니다"},
    // A Keras model opened (core/keras_import.cpp) or exported (keras_export.cpp).
    {"err.keras_shared_layer", "is called {2} times (a shared layer); ConvScope shows models whose layers form one chain",
     "{2}번 호출됩니다(공유 층). ConvScope는 층이 한 줄로 이어진 모델만 보여 줍니다"},
    {"err.keras_graph_joins", "joins {2} branches; ConvScope shows models whose layers form one chain",
     "{2}개의 갈래를 합칩니다. ConvScope는 층이 한 줄로 이어진 모델만 보여 줍니다"},
    {"err.keras_graph_branches", "feeds {2} layers (the graph branches); ConvScope shows models whose layers form one chain",
     "{2}개의 층에 출력을 보냅니다(그래프가 갈라집니다). ConvScope는 층이 한 줄로 이어진 모델만 보여 줍니다"},
    {"err.keras_graph_detached", "is not on the chain from the model's input to its output",
     "모델의 입력에서 출력으로 가는 길 위에 있지 않습니다"},
    {"err.keras_model_class", "a {0} model; ConvScope opens Sequential and Functional models",
     "{0} 모델입니다. ConvScope는 Sequential과 Functional 모델을 엽니다"},
    {"err.keras_no_input_shape", "the model's input shape is not given (batch_shape [null, rows, columns, channels])",
     "모델의 입력 크기가 없습니다(batch_shape [null, 행, 열, 채널])"},
    {"err.keras_input_dim", "input shape entry {1} is {2}; ConvScope needs fixed sizes (a model built for any image size has none)",
     "입력 크기의 {1}번째 값이 {2}입니다. ConvScope에는 정해진 크기가 필요합니다(아무 크기나 받는 모델에는 없습니다)"},
    {"err.keras_input_rank", "an input of {1} dimensions; ConvScope takes [rows, columns, channels], [steps, channels] or [units]",
     "입력이 {1}차원입니다. ConvScope는 [행, 열, 채널], [스텝, 채널], [유닛]을 받습니다"},
    {"err.keras_unknown_weight", "holds a weight \"{2}\" that a {1} layer does not have",
     "{1} 층에 없는 가중치 \"{2}\"가 들어 있습니다"},
    {"err.keras_weight_missing", "has no \"{2}\" weights in the file", "파일에 \"{2}\" 가중치가 없습니다"},
    {"err.export_padding", "padding '{1}' has no Keras equivalent; put a ZeroPadding2D before a 'valid' layer",
     "padding '{1}'은 Keras에 없습니다. ZeroPadding2D 뒤에 'valid' 층을 두세요"},
    {"err.export_key", "{1} = {4} has no {2} equivalent; set it to {3} to export",
     "{1} = {4}는 {2}에 없습니다. 내보내려면 {3}으로 두세요"},
    {"err.export_empty", "the scene has no layers to export as a model", "모델로 내보낼 층이 없습니다"},
    {"err.keras_key_not_neutral", "{0} {1:json} is not supported; only {3}",
     "{0} 값 {1:json}은 지원하지 않습니다. {3}만 쓸 수 있습니다"},
    {"err.layer_not_object", "expected an object, got a number", "층은 객체여야 하는데 숫자입니다"},
    {"err.expected_number_or_null", "expected a number or null, got {0:json}", "숫자나 null이 와야 하는데 {0:json}입니다"},
    {"err.expected_plain_number", "expected a number, got {0:json}", "숫자가 와야 하는데 {0:json}입니다"},
    {"err.interpolation_unknown", "expected \"nearest\" or \"bilinear\", got {0:json}",
     "\"nearest\" 또는 \"bilinear\"가 와야 하는데 {0:json}입니다"},
    {"err.axis_form", "expected the channel axis (-1), got {0:json}", "채널 축(-1)이 와야 하는데 {0:json}입니다"},
    {"err.batch_shape_form", "expected a batch shape such as [null, 28, 28, 1], got {0:json}",
     "[null, 28, 28, 1] 같은 배치 모양이 와야 하는데 {0:json}입니다"},
    {"err.zero_padding_form", "expected an integer, [rows, columns] or [[top, bottom], [left, right]], got {0:json}",
     "정수, [행, 열] 또는 [[위, 아래], [왼쪽, 오른쪽]]이 와야 하는데 {0:json}입니다"},
    // Pictures (model/image.cpp)
    {"err.image_empty", "the file is empty", "파일이 비어 있습니다"},
    {"err.image_file_too_large", "the file is larger than 256 MB", "파일이 256 MB보다 큽니다"},
    {"err.image_too_many_pixels", "{0}x{1} is too large: at most {2} M pixels are accepted",
     "{0}x{1} 크기의 그림은 너무 큽니다. 최대 {2} M 픽셀까지 받을 수 있습니다"},
    {"err.image_png_chunk_too_long", "the PNG data is damaged (a chunk is longer than the file)",
     "PNG 데이터가 손상되었습니다 (청크 길이가 파일보다 깁니다)"},
    {"err.image_too_large_to_open", "the picture is too large to open: at most {0} M pixels are accepted",
     "그림이 너무 커서 열 수 없습니다. 최대 {0} M 픽셀까지 받을 수 있습니다"},
    {"err.image_header_damaged", "the {0} data is damaged (its header cannot be read)",
     "{0} 데이터가 손상되었습니다 (헤더를 읽을 수 없습니다)"},
    {"err.image_unknown_format", "not a PNG, JPEG, BMP or GIF image ({0})",
     "PNG, JPEG, BMP, GIF 그림이 아닙니다 ({0})"},
    {"err.image_size_damaged", "the {0} data is damaged (it states a size of {1}x{2})",
     "{0|image=그림|*={0}} 데이터가 손상되었습니다 (적힌 크기: {1}x{2})"},
    {"err.image_decode_failed", "the image data is damaged ({0})", "그림 데이터가 손상되었습니다 ({0})"},
    // Parts: a JSON value a message quotes ({N:json}), a nesting level ({N:dim}), and the two `where` words.
    {"err.json.string", "the string \"{0}\"", "문자열 \"{0}\""},
    {"err.json.number", "the number {0}", "숫자 {0}"},
    {"err.json.true", "true", "true"},
    {"err.json.false", "false", "false"},
    {"err.json.null", "null", "null"},
    {"err.json.array", "an array", "배열"},
    {"err.json.object", "an object", "객체"},
    {"err.dim.kernel_rows", "kernel rows", "커널 행"},
    {"err.dim.kernel_columns", "kernel columns", "커널 열"},
    {"err.dim.kernel_width", "kernel width", "커널 너비"},
    {"err.dim.input_channels", "input channels", "입력 채널"},
    {"err.dim.filters", "filters", "필터"},
    {"err.dim.inputs", "inputs", "입력"},
    {"err.dim.units", "units", "유닛"},
    {"err.dim.rows", "rows", "행"},
    {"err.dim.columns", "columns", "열"},
    {"err.dim.steps", "steps", "스텝"},
    {"err.dim.channels", "channels", "채널"},
    {"err.layout.hwio", "HWIO: kernel rows x kernel columns x input channels x filters",
     "HWIO: 커널 행 x 커널 열 x 입력 채널 x 필터"},
    {"err.layout.wio", "WIO: kernel width x input channels x filters", "WIO: 커널 너비 x 입력 채널 x 필터"},
    {"err.layout.per_filter", "one per filter", "필터마다 하나"},
    {"err.layout.hwoi", "kernel rows x kernel columns x filters x input channels",
     "커널 행 x 커널 열 x 필터 x 입력 채널"},
    {"err.layout.dense_kernel", "inputs x units", "입력 x 유닛"},
    {"err.layout.per_unit", "one per unit", "유닛마다 하나"},
    {"err.layout.per_channel", "one per channel", "채널마다 하나"},
    {"err.where.image", "image", "그림"},
    {"err.where.document", "(document)", "(문서)"},
};

}  // namespace

const Entry* catalogue(std::size_t* count) {
  *count = sizeof kEntries / sizeof kEntries[0];
  return kEntries;
}

}  // namespace cs::i18n
