#pragma once
// The canonical JSON text of a result. Canonical means what JSON.stringify makes
// of the same object: keys in this order, no whitespace, integers for counts,
// and strings escaped exactly as ECMAScript's QuoteJSONString does (\b \t \n \f
// \r \" \\, other controls as \u00xx in lower case, everything else as is). So
// JSON.parse followed by JSON.stringify gives the same bytes back, and the digest
// of a result (FNV-1a of this text) is the same whichever adapter carried it.
//
//   {"format":"html","encoding":"utf-8","metadata":{"title":"","description":"","keywords":"","lang":""},
//    "content":"","headings":[{"level":1,"text":""}],"links":[{"href":"","text":""}],
//    "images":[{"src":"","alt":""}],"tables":[[["cell"]]],"word_count":0,"char_count":0}

#include <string>
#include <string_view>
#include <vector>

#include "result.h"

namespace tollgate::extraction {

void appendJsonString(std::string& out, std::string_view text);
void appendResultJson(std::string& out, const ResultBuffers& result);
std::string resultJson(const ResultBuffers& result);

// "fnv1a32:xxxxxxxx" of the canonical JSON of one result, or of a batch as the
// JSON array of its results.
std::string resultDigest(const ResultBuffers& result);
std::string batchDigest(const std::vector<ResultBuffers>& results);

}  // namespace tollgate::extraction
