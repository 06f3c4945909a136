#pragma once
// Executed-instruction counts of the native kernels, from Valgrind's callgrind:
// deterministic where time is not (no hardware counters on these VMs, and a
// shared machine's timing noise is a third of a row).
//
// The runner measures each row as always, then runs that row once more in a
// child process of its own under callgrind (`--instructions`): one process per
// row, so what earlier rows left in the allocator cannot move a count, and a
// filtered run counts what the whole run counts. In the child, instrumentation
// starts after the case is prepared (preparing under instrumentation would cost
// minutes) and collection is on for exactly one operation, set-up and harness
// excluded. A second operation with the probes on, their clock reading the count
// (callgrind dumps at each read), splits it by phase.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tollgate/native_case.h"
#include "tollgate/results.h"

namespace tollgate::native {

// What the counts mean and what they depend on: the results' context.counting.
struct CountingContext {
  std::string tool;          // "callgrind"
  std::string tool_version;  // "valgrind-3.19.0"
  std::string unit;          // "x86-64 instructions (callgrind Ir)"
  std::string toolchain;     // what a count baseline must match (see toolchain())
};

// The counts of one row, as the child reports them.
struct CountedRow {
  std::uint64_t per_op = 0;
  PhaseTimes phases{};  // instructions per phase, probes on
  std::string isa;      // the instruction set glibc chose its routines for, under valgrind
};

// Parent side: runs the child under valgrind and reads its answer.
//
// A count must not depend on where the checkout is: the child's stack starts
// below its arguments, environment and executable path, and its heap holds
// whatever set-up allocated for them, so their lengths move addresses and with
// them the alignment-dependent paths of memcpy and friends. The child therefore
// sees only names of fixed length, in a folder made for it (mkdtemp under /tmp):
// links to this executable, the suites and the data folder, and a fixed
// environment.
class CallgrindCounter {
 public:
  // Throws when valgrind cannot be run, saying how to get it.
  CallgrindCounter();
  ~CallgrindCounter();
  CallgrindCounter(const CallgrindCounter&) = delete;
  CallgrindCounter& operator=(const CallgrindCounter&) = delete;

  // `extra_args`: more arguments for the child (--inject=...), of fixed length.
  CountedRow count(const std::string& row_name, const std::vector<std::string>& suites, const std::string& profile,
                   const std::string& data_dir, const std::vector<std::string>& extra_args) const;
  CountingContext context(const std::string& compiler, const std::string& flags, const std::string& libc,
                          const std::string& isa) const;

 private:
  std::string work_dir_;
  std::string valgrind_;
  std::string valgrind_version_;
};

// Child side, under valgrind: counts one prepared case; writes the result as JSON
// into `out_file`. Throws when not run under valgrind.
void countInChild(NativeCase& nc, int warmup_ops, const std::string& dump_base, const std::string& out_file);

// The instruction total of one callgrind dump file ("totals:" or "summary:"),
// throwing with the file's name when it has neither.
std::uint64_t dumpTotal(const char* path);

// nlohmann form of a row's counts for the results (ResultRow::instructions).
InstructionCounts toInstructionCounts(const CountedRow& counted);

}  // namespace tollgate::native
