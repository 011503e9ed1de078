-- wrk script: requests the paths listed in the file named by the PATHS environment variable (one per line), each of
-- wrk's threads its own share in turn (thread k of T takes lines k, k+T, k+2T, …), wrapping around at the end.
-- Used by bench/pages.sh to measure a page over many records (cold: each record once; cached: a few records again and again).
local threads = 0

function setup(thread)
   thread:set("index", threads)
   threads = threads + 1
end

function init(args)
   paths = {}
   for line in io.lines(os.getenv("PATHS")) do
      if #line > 0 then paths[#paths + 1] = line end
   end
   step = tonumber(os.getenv("THREADS") or "2")
   first = (index % #paths) + 1 -- a list shorter than the threads: every thread still requests one of its paths
   position = first
end

function request()
   local path = paths[position]
   position = position + step
   if position > #paths then
      position = first
   end
   return wrk.format(nil, path)
end
