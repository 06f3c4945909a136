#include <gtest/gtest.h>

#include "analysis/profiles.h"

namespace tollgate {
namespace {

TEST(Profiles, ShortNamesElideTemplatesAndParameters) {
  EXPECT_EQ(shortFrameName("tollgate::vector::HnswIndex::searchLayer(float const*, tollgate::vector::HnswIndex::Candidate, "
                           "unsigned long, int, std::__2::vector<tollgate::vector::HnswIndex::Candidate, "
                           "std::__2::allocator<tollgate::vector::HnswIndex::Candidate> >&) const"),
            "tollgate::vector::HnswIndex::searchLayer(…) const");
  EXPECT_EQ(shortFrameName("void std::__2::__sift_down<std::__2::__less<int, int>&, int*>(int*, int*)"),
            "void std::__sift_down<…>(…)");
  EXPECT_EQ(shortFrameName("tollgate::vector::VectorIndex::size()"), "tollgate::vector::VectorIndex::size()");
  EXPECT_EQ(shortFrameName("operator<<(std::ostream&, int)"), "operator<<(…)");
  EXPECT_EQ(shortFrameName("Foo::operator->() const"), "Foo::operator->() const");
  EXPECT_EQ(shortFrameName("tollgate::vector::FlatIndex::searchChecked"), "tollgate::vector::FlatIndex::searchChecked");
  EXPECT_EQ(shortFrameName("tollgate::native::(anonymous namespace)::RunCase::runOp()"),
            "tollgate::native::(anonymous namespace)::RunCase::runOp()");
}

TEST(Profiles, FramesAreTaggedByLayer) {
  EXPECT_EQ(frameCategory("tollgate::vector::HnswIndex::searchLayer(…)", "wasm://wasm/000625e2"), "wasm");
  EXPECT_EQ(frameCategory("js-to-wasm:iiidi:i", "wasm://wasm/000625e2"), "boundary");
  EXPECT_EQ(frameCategory("wasm-to-js:ii:i-_emval_take_value", "wasm://wasm/000625e2"), "boundary");
  EXPECT_EQ(frameCategory("__emval_get_property", "http://127.0.0.1:4000/build/wasm/modules/vector.profiling.mjs"), "glue");
  EXPECT_EQ(frameCategory("VectorIndex$insert", ""), "binding");
  EXPECT_EQ(frameCategory("single", "file:///repo/workloads/vector/adapters/vector-adapters.mjs"), "js");
  EXPECT_EQ(frameCategory("(garbage collector)", ""), "runtime");
  EXPECT_EQ(frameCategory("emscripten::internal::MethodInvoker<…>::invoke(…)", "wasm://wasm/1"), "binding");
  EXPECT_EQ(frameCategory("(anonymous namespace)::Handle::run(unsigned int)",
                          "http://127.0.0.1:4000/build/wasm/modules/profile_target.profiling.wasm"), "wasm");
}

TEST(Profiles, ACpuProfileFoldsIntoTimeWeightedStacks) {
  // (root) -> run [js] -> VectorIndex$insert [binding] -> js-to-wasm [boundary] -> insert [wasm]
  const nlohmann::json profile = {
      {"nodes",
       {{{"id", 1}, {"callFrame", {{"functionName", "(root)"}, {"url", ""}}}, {"children", {2, 6}}},
        {{"id", 2}, {"callFrame", {{"functionName", "run"}, {"url", "file:///r/runners/driver/driver.mjs"}}}, {"children", {3}}},
        {{"id", 3}, {"callFrame", {{"functionName", "VectorIndex$insert"}, {"url", ""}}}, {"children", {4}}},
        {{"id", 4}, {"callFrame", {{"functionName", "js-to-wasm:ii:v"}, {"url", "wasm://wasm/1"}}}, {"children", {5}}},
        {{"id", 5}, {"callFrame", {{"functionName", "hot(int, std::__2::vector<int>&)"}, {"url", "wasm://wasm/1"}}}},
        {{"id", 6}, {"callFrame", {{"functionName", "(garbage collector)"}, {"url", ""}}}}}},
      {"samples", {5, 5, 6, 3}},
      {"timeDeltas", {0, 100, 100, 50}}};
  EXPECT_EQ(foldCpuProfile(profile, "p.cpuprofile"),
            "(garbage collector) [runtime] 50\n"
            "run [js];VectorIndex$insert [binding] 63\n"  // the last sample: the mean interval, 62.5
            "run [js];VectorIndex$insert [binding];js-to-wasm:ii:v [boundary];hot(…) [wasm] 200\n");
  EXPECT_THROW(foldCpuProfile(nlohmann::json{{"samples", {1}}}, "bad.cpuprofile"), std::runtime_error);
}

TEST(Profiles, PerfScriptFoldsOneCountPerSample) {
  const std::string text =
      "recall 24118  5829.542557:    1001001 cpu-clock: \n"
      "\t            7124 std::__adjust_heap<int*, long>+0x34 (/tmp/exp/recall)\n"
      "\t            7a45 tollgate::vector::FlatIndex::searchChecked+0x795 (/tmp/exp/recall)\n"
      "\t            3c70 main+0x240 (/tmp/exp/recall)\n"
      "\n"
      "recall 24118  5829.543558:    1001001 cpu-clock: \n"
      "\t            7a45 tollgate::vector::FlatIndex::searchChecked+0x795 (/tmp/exp/recall)\n"
      "\t            3c70 main+0x240 (/tmp/exp/recall)\n"
      "\n"
      "recall 24118  5829.543558:    1001001 cpu-clock: \n"
      "\t ffffffff821f2fa7 exc_page_fault+0xd7 ([kernel.kallsyms])\n"
      "\t            a5acb [unknown] (/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30)\n";
  EXPECT_EQ(foldPerfScript(text),
            "[libstdc++.so.6.0.30] [native];exc_page_fault [kernel] 1\n"
            "main [native];tollgate::vector::FlatIndex::searchChecked [native] 1\n"
            "main [native];tollgate::vector::FlatIndex::searchChecked [native];std::__adjust_heap<…> [native] 1\n");
}

TEST(Profiles, ProbeScopesNestByTimeIntoAnInstrumentedFlamegraph) {
  // A JS call of 10 us holding the module's copy_in (2 us) and compute (6 us).
  const nlohmann::json trace = {{"traceEvents",
                                 {{{"name", "call"}, {"ph", "X"}, {"ts", 100.0}, {"dur", 10.0}, {"pid", "node"}, {"tid", "js"}},
                                  {{"name", "copy_in"}, {"ph", "X"}, {"ts", 101.0}, {"dur", 2.0}, {"pid", "node"}, {"tid", "wasm"}},
                                  {{"name", "compute"}, {"ph", "X"}, {"ts", 103.0}, {"dur", 6.0}, {"pid", "node"}, {"tid", "wasm"}},
                                  {{"name", "copy_out"}, {"ph", "X"}, {"ts", 111.0}, {"dur", 1.0}, {"pid", "node"}, {"tid", "js"}}}}};
  EXPECT_EQ(foldTrace(trace, "trace.json"),
            "call [js] 2000\n"
            "call [js];compute [wasm] 6000\n"
            "call [js];copy_in [wasm] 2000\n"
            "copy_out [js] 1000\n");
  EXPECT_THROW(foldTrace(nlohmann::json::array(), "bad.json"), std::runtime_error);
}

TEST(Profiles, AliasesLineUpTwoVariantsFrameForFrame) {
  EXPECT_EQ(aliasFrames("run [js];single [js];insert [wasm] 10\nrun [js];zero_copy [js] 5\n",
                        {{"single", "(variant)"}, {"zero_copy", "(variant)"}}),
            "run [js];(variant) [js];insert [wasm] 10\nrun [js];(variant) [js] 5\n");
}

TEST(Profiles, SelfTimesRankLeaves) {
  const auto self = selfTimes("a;b;hot 70\na;cold 20\na;b;hot 5\nhot 1\n");
  ASSERT_EQ(self.size(), 2u);
  EXPECT_EQ(self[0].first, "hot");
  EXPECT_EQ(self[0].second, 76);
  EXPECT_EQ(self[1].first, "cold");
}

}  // namespace
}  // namespace tollgate
