// the XML reader (the complete build), behind the input decoder (the declaration's
// encoding) and the UTF-8 sanitizer: any bytes in, the result model and its
// canonical JSON out, or a refusal (see extract_fuzz.h).

#include "extract_fuzz.h"
#include "tollgate/fuzz.h"

TOLLGATE_FUZZ_TARGET(data, size) {
  tollgate::extraction::fuzz::extractWhole(tollgate::extraction::Format::xml, data, size);
}
