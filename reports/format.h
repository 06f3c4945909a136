#pragma once
// Numbers as every reporter writes them: the console tables, the gate tables and
// the HTML report share one set of rules.

#include <string>

namespace tollgate {

std::string formatFixed(double value, int decimals);
// "12.3 ns", "4.56 us", "7.89 ms", "1.23 s"; `micro` spells the microsecond ("us" on
// terminals, "µs" in HTML).
std::string formatDuration(double ns, const char* micro = "us");
// Counts per item: whole numbers from 100 up, one decimal from 1, two below.
std::string formatCount(double value);
std::string formatBytes(double bytes);
// Large counts in three significant figures: "987", "12.3k", "4.56M", "7.89G".
std::string formatMagnitude(double value);

}  // namespace tollgate
