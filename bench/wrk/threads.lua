-- threads.lua - shared by the wrk scripts of make bench, which load it
-- with dofile: numbers wrk's threads (setup) so that each thread's
-- random numbers (seed_random, called from init) differ from the others'.
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_no", counter)
end

function seed_random()
  math.randomseed(os.time() * 1000 + (thread_no or 0))
end
