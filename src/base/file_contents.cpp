#include "w2v/base/file_contents.h"

#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "w2v/base/error.h"

namespace w2v {
namespace {

// Decompressed per inflate() call, and the first allocation.
constexpr std::size_t kBlockBytes = std::size_t{1} << 22;

bool is_gzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

// A zlib inflate stream for gzip members, ended whatever happens.
class GzipStream {
 public:
  explicit GzipStream(const std::string& path) {
    if (inflateInit2(&stream_, 16 + MAX_WBITS) != Z_OK) throw Error(path + ": cannot start gzip decompression");
  }
  ~GzipStream() { inflateEnd(&stream_); }
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;
  z_stream* get() { return &stream_; }

 private:
  z_stream stream_{};
};

std::string size_text(std::size_t bytes) {
  if (bytes < 1000000000) return std::to_string(bytes) + " bytes";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f GB", static_cast<double>(bytes) / 1e9);
  return text;
}

}  // namespace

void FileContents::Free::operator()(char* p) const { std::free(p); }

FileContents::FileContents(const std::string& path, std::size_t max_bytes, const Enough& enough) : file_(path) {
  if (is_gzip(file_.bytes())) inflate(path, max_bytes, enough);
}

void FileContents::inflate(const std::string& path, std::size_t max_bytes, const Enough& enough) {
  compressed_ = true;
  const std::string_view input = file_.bytes();
  GzipStream gzip(path);
  z_stream* z = gzip.get();
  z->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  std::size_t input_left = input.size();
  std::size_t capacity = 0;
  for (;;) {
    if (inflated_size_ == capacity) {
      if (capacity >= max_bytes) {
        throw Error(path + ": the gzip data decompresses to more than " + size_text(max_bytes) +
                    " (this machine's memory)");
      }
      capacity = std::min(max_bytes, std::max(kBlockBytes, 2 * capacity));
      char* grown = static_cast<char*>(std::realloc(inflated_.get(), capacity));
      if (!grown) throw Error(path + ": out of memory decompressing " + size_text(capacity));
      inflated_.release();
      inflated_.reset(grown);
    }
    // zlib counts in 32-bit units.
    constexpr std::size_t kMaxChunk = std::numeric_limits<uInt>::max();
    const std::size_t in_chunk = std::min(input_left, kMaxChunk);
    const std::size_t out_chunk = std::min({capacity - inflated_size_, kBlockBytes, kMaxChunk});
    z->avail_in = static_cast<uInt>(in_chunk);
    z->next_out = reinterpret_cast<Bytef*>(inflated_.get() + inflated_size_);
    z->avail_out = static_cast<uInt>(out_chunk);
    const int status = ::inflate(z, Z_NO_FLUSH);
    input_left -= in_chunk - z->avail_in;
    inflated_size_ += out_chunk - z->avail_out;
    if (status == Z_STREAM_END) {
      // Another member may follow (gzip files may be concatenated); trailing
      // zero bytes (padding some tools add) end the data.
      const auto rest = input.substr(input.size() - input_left);
      if (std::all_of(rest.begin(), rest.end(), [](char c) { return c == '\0'; })) return;
      if (!is_gzip(rest)) throw Error(path + ": data after the end of the gzip stream is not gzip");
      inflateReset(z);
      continue;
    }
    if (status == Z_BUF_ERROR && input_left == 0 && z->avail_out > 0) {
      throw Error(path + ": truncated gzip data (the file ends inside the compressed stream)");
    }
    if (status != Z_OK && status != Z_BUF_ERROR) {
      throw Error(path + ": corrupt gzip data: " + (z->msg ? z->msg : "inflate failed"));
    }
    if (enough && enough({inflated_.get(), inflated_size_})) {
      complete_ = false;
      return;
    }
  }
}

std::size_t physical_memory_bytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) return std::numeric_limits<std::size_t>::max();
  return static_cast<std::size_t>(pages) * static_cast<std::size_t>(page_size);
}

}  // namespace w2v
