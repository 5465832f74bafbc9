# The CLI as a user runs it: exit codes and messages on wrong usage and bad input, then a quick
# two-task zoo built, inspected, evaluated and reported on, with the JSON outputs cross-checked.
#   cmake -DCLI=<mergescope-cli> -DWORK=<scratch folder> -P tests/cli_smoke.cmake
# Exit codes (app/cli/main.cpp): 0 success, 1 bad input, 2 wrong usage.
cmake_minimum_required(VERSION 3.19)  # string(JSON)

if(NOT CLI OR NOT WORK)
  message(FATAL_ERROR "usage: cmake -DCLI=<mergescope-cli> -DWORK=<scratch folder> -P cli_smoke.cmake")
endif()
get_filename_component(CLI "${CLI}" ABSOLUTE)
get_filename_component(WORK "${WORK}" ABSOLUTE)
if(NOT EXISTS "${CLI}")
  message(FATAL_ERROR "no CLI at ${CLI}")
endif()
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

# ms_cli(RC <code> ARGS <arg>... [STDOUT <phrase>...] [STDERR <phrase>...])
# Runs the CLI, checks the exit code and that each phrase occurs in stdout / stderr. Leaves the
# outputs in CLI_OUT and CLI_ERR.
function(ms_cli)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "RC" "ARGS;STDOUT;STDERR")
  execute_process(COMMAND "${CLI}" ${arg_ARGS}
                  WORKING_DIRECTORY "${WORK}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  list(JOIN arg_ARGS " " shown)
  set(report "\n  command: mergescope-cli ${shown}\n  exit code: ${rc}\n--- stdout ---\n${out}\n--- stderr ---\n${err}")
  if(NOT rc STREQUAL "${arg_RC}")
    message(FATAL_ERROR "expected exit code ${arg_RC}${report}")
  endif()
  foreach(phrase IN LISTS arg_STDOUT)
    string(FIND "${out}" "${phrase}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "stdout lacks \"${phrase}\"${report}")
    endif()
  endforeach()
  foreach(phrase IN LISTS arg_STDERR)
    string(FIND "${err}" "${phrase}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "stderr lacks \"${phrase}\"${report}")
    endif()
  endforeach()
  set(CLI_OUT "${out}" PARENT_SCOPE)
  set(CLI_ERR "${err}" PARENT_SCOPE)
endfunction()

# ms_json(<var> <json> <path>...): reads one member, failing with the document when it is absent.
function(ms_json var json)
  string(JSON value ERROR_VARIABLE problem GET "${json}" ${ARGN})
  if(problem)
    list(JOIN ARGN "." shown)
    message(FATAL_ERROR "JSON has no ${shown}: ${problem}\n${json}")
  endif()
  set(${var} "${value}" PARENT_SCOPE)
endfunction()

function(ms_expect_equal what actual expected)
  if(NOT "${actual}" STREQUAL "${expected}")
    message(FATAL_ERROR "${what}: expected '${expected}', got '${actual}'")
  endif()
endfunction()

# ---- wrong usage and bad input ------------------------------------------------------------------

ms_cli(RC 0 ARGS --help STDOUT "Usage: mergescope-cli <command>" "zoo build" "Exit codes")
ms_cli(RC 0 ARGS --version STDOUT "mergescope-cli ")
ms_cli(RC 2 ARGS STDERR "Usage: mergescope-cli <command>")
ms_cli(RC 2 ARGS frobnicate STDERR "unknown command 'frobnicate'")
ms_cli(RC 1 ARGS info "${WORK}/missing.safetensors" STDERR "${WORK}/missing.safetensors: no such file or folder")

# Not a safetensors file: 64 letters and digits make an absurd header length.
string(RANDOM LENGTH 64 RANDOM_SEED 7 junk)
file(WRITE "${WORK}/broken.safetensors" "${junk}")
ms_cli(RC 1 ARGS info "${WORK}/broken.safetensors" STDERR "broken.safetensors: " "not a safetensors file")

ms_cli(RC 0 ARGS zoo --help STDOUT "zoo build" "zoo report")
ms_cli(RC 2 ARGS zoo STDERR "Usage:")
ms_cli(RC 2 ARGS zoo frob STDERR "unknown zoo command 'frob'")
ms_cli(RC 2 ARGS eval --result r --checkpoint c STDERR "--result takes its pool and tasks from its recipe")
ms_cli(RC 2 ARGS merge --method ties STDERR "option --out is required")
ms_cli(RC 2 ARGS merge --method wemoe --out x --pool "${WORK}" STDERR "adaptive: use 'adapt'")
ms_cli(RC 1 ARGS merge --method soup --out x --pool "${WORK}/no_pool" STDERR "unknown merge method 'soup'")
ms_cli(RC 1 ARGS merge --method ties --out x --pool "${WORK}/no_pool" STDERR "no such pool manifest")
ms_cli(RC 2 ARGS analyze STDERR "name one analysis")
ms_cli(RC 2 ARGS bench nothing STDERR "unknown benchmark")
ms_cli(RC 1 ARGS eval --pool "${WORK}/no_pool" STDERR "${WORK}/no_pool: no such pool manifest")
ms_cli(RC 2 ARGS info --bogus x STDERR "unknown option --bogus")
ms_cli(RC 2 ARGS info --threads STDERR "option --threads needs a value")
ms_cli(RC 2 ARGS eval --pool p --threads many STDERR "option --threads needs an integer, not 'many'")
ms_cli(RC 2 ARGS zoo build --device cuda --out "${WORK}/never" STDERR "the zoo is built on the CPU")

# ---- a quick zoo, end to end --------------------------------------------------------------------

set(zoo "${WORK}/zoo")
ms_cli(RC 0 ARGS zoo build --quick --tasks syn_digits,syn_signs --projection-dim 24 --out "${zoo}" --force
       --threads 1 --quiet STDOUT "zoo ready: ${zoo}/pool.json")
foreach(file pool.json pretrained/model.safetensors pretrained/config.json heads/syn_digits.safetensors
             finetuned/syn_signs/model.safetensors)
  if(NOT EXISTS "${zoo}/${file}")
    message(FATAL_ERROR "zoo build left no ${zoo}/${file}")
  endif()
endforeach()
file(READ "${zoo}/pretrained/config.json" config_json)
ms_json(projection_dim "${config_json}" projection_dim)
ms_expect_equal("zoo build --projection-dim 24" "${projection_dim}" "24")
ms_cli(RC 2 ARGS zoo build --projection-dim 1 --out "${WORK}/never" STDERR "--projection-dim must be between 2 and 4096")
# Without --force an existing zoo is kept.
ms_cli(RC 1 ARGS zoo build --quick --tasks syn_digits --out "${zoo}" --threads 1 --quiet
       STDERR "${zoo}: a zoo already exists here (use --force to rebuild it)")

ms_cli(RC 0 ARGS info "${zoo}" STDOUT "syn_digits" "syn_signs" "SynDigits" "${zoo}/pool.json")
ms_cli(RC 0 ARGS info "${zoo}" --json)
set(pool_json "${CLI_OUT}")
ms_json(kind "${pool_json}" kind)
ms_expect_equal("info <zoo> kind" "${kind}" "pool")
string(JSON task_count LENGTH "${pool_json}" tasks)
ms_expect_equal("info <zoo> task count" "${task_count}" "2")
ms_json(first_task "${pool_json}" tasks 0 name)
ms_expect_equal("info <zoo> first task" "${first_task}" "syn_digits")
ms_json(digits_test_images "${pool_json}" tasks 0 test_images)

# The pretrained checkpoint: the parameter count must follow from the reported dimensions, and the
# hash must be the file's.
ms_cli(RC 0 ARGS info "${zoo}/pretrained" --json)
set(ckpt_json "${CLI_OUT}")
ms_json(kind "${ckpt_json}" kind)
ms_expect_equal("info <checkpoint> kind" "${kind}" "checkpoint")
foreach(field parameters hidden_size intermediate_size layers patch_size tokens projection_dim sha256)
  ms_json(${field} "${ckpt_json}" ${field})
endforeach()
math(EXPR per_layer "4 * (${hidden_size} * ${hidden_size} + ${hidden_size}) + 4 * ${hidden_size}
                     + 2 * ${intermediate_size} * ${hidden_size} + ${intermediate_size} + ${hidden_size}")
math(EXPR expected_parameters "${hidden_size} + ${hidden_size} * 3 * ${patch_size} * ${patch_size}
                               + ${tokens} * ${hidden_size} + 4 * ${hidden_size} + ${layers} * ${per_layer}
                               + ${projection_dim} * ${hidden_size}")
ms_expect_equal("info <checkpoint> parameters" "${parameters}" "${expected_parameters}")
string(LENGTH "${sha256}" sha_length)
ms_expect_equal("info <checkpoint> sha256 length" "${sha_length}" "64")
file(SHA256 "${zoo}/pretrained/model.safetensors" file_sha)
ms_expect_equal("info <checkpoint> sha256" "${sha256}" "${file_sha}")

# Evaluation: one row for the pretrained model and one for the experts, over every test image.
ms_cli(RC 0 ARGS eval --pool "${zoo}" --json --threads 1)
set(eval_json "${CLI_OUT}")
string(JSON row_count LENGTH "${eval_json}" rows)
ms_expect_equal("eval rows" "${row_count}" "2")
ms_json(method "${eval_json}" rows 0 method)
ms_expect_equal("eval row 0" "${method}" "Pretrained")
ms_json(method "${eval_json}" rows 1 method)
ms_expect_equal("eval row 1" "${method}" "Individual")
ms_json(total "${eval_json}" rows 1 tasks syn_digits total)
ms_expect_equal("eval syn_digits images" "${total}" "${digits_test_images}")
ms_json(correct "${eval_json}" rows 1 tasks syn_digits correct)
if(correct LESS 0 OR correct GREATER total)
  message(FATAL_ERROR "eval: ${correct} correct of ${total}\n${eval_json}")
endif()
ms_json(eval_pretrained_average "${eval_json}" rows 0 average)

# The report: four methods, three targets, the same pretrained accuracy as eval.
ms_cli(RC 0 ARGS zoo report --pool "${zoo}" --json --threads 1)
set(report_json "${CLI_OUT}")
string(JSON row_count LENGTH "${report_json}" rows)
ms_expect_equal("report rows" "${row_count}" "4")
set(index 0)
foreach(expected "Pretrained" "Individual" "Simple average" "Task arithmetic (λ=0.3)")
  ms_json(method "${report_json}" rows ${index} method)
  ms_expect_equal("report row ${index}" "${method}" "${expected}")
  math(EXPR index "${index} + 1")
endforeach()
string(JSON target_count LENGTH "${report_json}" targets)
ms_expect_equal("report targets" "${target_count}" "3")
ms_json(report_pretrained_average "${report_json}" rows 0 average)
ms_expect_equal("report vs eval pretrained average" "${report_pretrained_average}" "${eval_pretrained_average}")

# The merging engine on the quick zoo: catalog, a static merge and an adaptation saved and
# re-evaluated, an analysis and the comparison table, cross-checked through their JSON.
ms_cli(RC 0 ARGS methods --json)
string(JSON method_count LENGTH "${CLI_OUT}")
ms_expect_equal("methods" "${method_count}" "7")
ms_cli(RC 1 ARGS merge --pool "${zoo}" --method ties --params k=200 --out "${WORK}/bad" STDERR "outside [0, 100]")
ms_cli(RC 0 ARGS merge --pool "${zoo}" --method ties --out "${WORK}/ties" --eval --json --threads 1)
ms_json(ties_average "${CLI_OUT}" rows 0 average)
ms_cli(RC 0 ARGS eval --result "${WORK}/ties" --json --threads 1)
ms_json(ties_again "${CLI_OUT}" rows 0 average)
ms_expect_equal("merge --eval vs eval --result" "${ties_again}" "${ties_average}")
ms_cli(RC 0 ARGS eval --pool "${zoo}" --checkpoint "${WORK}/ties/model" --json --threads 1)
ms_json(ties_checkpoint "${CLI_OUT}" rows 0 average)
ms_expect_equal("eval --checkpoint of the merged model" "${ties_checkpoint}" "${ties_average}")
ms_cli(RC 0 ARGS merge --recipe "${WORK}/ties/recipe.json" --out "${WORK}/ties2" --eval --json --threads 1)
ms_json(ties_rerun "${CLI_OUT}" rows 0 average)
ms_expect_equal("--recipe rerun" "${ties_rerun}" "${ties_average}")
ms_cli(RC 0 ARGS adapt --pool "${zoo}" --method wemoe --params steps=3,batch_size=4 --out "${WORK}/wemoe" --quiet --threads 1)
foreach(f learned_state.safetensors resume.safetensors loss_log.csv recipe.json)
  if(NOT EXISTS "${WORK}/wemoe/${f}")
    message(FATAL_ERROR "adapt wrote no ${f}")
  endif()
endforeach()
file(STRINGS "${WORK}/wemoe/loss_log.csv" loss_lines)
list(LENGTH loss_lines loss_line_count)
ms_expect_equal("loss log lines" "${loss_line_count}" "4")
ms_cli(RC 0 ARGS analyze routing --result "${WORK}/wemoe" --json --threads 1)
ms_cli(RC 0 ARGS analyze cosine --pool "${zoo}" --json)
ms_json(self_cosine "${CLI_OUT}" values 0 0)
if(self_cosine LESS 0.999999 OR self_cosine GREATER 1.000001)
  message(FATAL_ERROR "cosine of a task vector with itself is ${self_cosine}")
endif()
ms_cli(RC 0 ARGS compare --pool "${zoo}" --methods task_arithmetic,wemoe --steps 2 --json --threads 1)
string(JSON compare_rows LENGTH "${CLI_OUT}" rows)
ms_expect_equal("compare rows" "${compare_rows}" "4")
ms_json(compare_pretrained "${CLI_OUT}" rows 0 average)
ms_expect_equal("compare vs eval pretrained average" "${compare_pretrained}" "${eval_pretrained_average}")
# Per-method parameters: task arithmetic at λ = 0 is the pretrained model; a wrong method or
# parameter name is refused before any work.
ms_cli(RC 0 ARGS compare --pool "${zoo}" --methods task_arithmetic,wemoe --steps 1 --lr 0.01
                 --params task_arithmetic.lambda=0,wemoe.router_depth=1 --json --threads 1)
ms_json(compare_ta0 "${CLI_OUT}" rows 2 average)
ms_expect_equal("task arithmetic at lambda 0 vs pretrained" "${compare_ta0}" "${compare_pretrained}")
ms_cli(RC 2 ARGS compare --pool "${zoo}" --methods task_arithmetic --params ties.k=30
       STDERR "'ties' is not one of the compared methods")
ms_cli(RC 1 ARGS compare --pool "${zoo}" --methods task_arithmetic --params task_arithmetic.k=30
       STDERR "has no parameter 'k'")
ms_cli(RC 2 ARGS compare --pool "${zoo}" --methods wemoe --params router_depth=1
       STDERR "not of the form method.name=value")

# Confidence next to accuracy: the entropy table, and per-task entropies in the JSON that lie
# between 0 and ln(classes).
ms_cli(RC 0 ARGS eval --result "${WORK}/wemoe" --entropy --threads 1 STDOUT "mean prediction entropy" "when wrong" "WEMoE")
ms_cli(RC 0 ARGS eval --result "${WORK}/wemoe" --json --threads 1)
ms_json(wemoe_entropy "${CLI_OUT}" rows 0 tasks syn_digits entropy)
if(wemoe_entropy LESS_EQUAL 0 OR wemoe_entropy GREATER 2.3026)
  message(FATAL_ERROR "entropy of a 10-class prediction is ${wemoe_entropy}")
endif()
ms_cli(RC 0 ARGS analyze oracle --pool "${zoo}" --entropy --threads 1
       STDOUT "Individual" "Task arithmetic (λ=0.3)" "Oracle routing (c=1, λ=0.3)" "when right")
# The way from the WEMoE start to the oracle: its ends are task arithmetic and the oracle.
ms_cli(RC 0 ARGS analyze oracle --pool "${zoo}" --path 0,0.5,1 --json --threads 1)
ms_json(path_start "${CLI_OUT}" 1 points 0 average)
ms_json(oracle_end "${CLI_OUT}" 1 points 2 average)
ms_json(ta_row "${CLI_OUT}" 0 rows 1 average)
ms_json(oracle_row "${CLI_OUT}" 0 rows 2 average)
ms_expect_equal("oracle path start vs task arithmetic" "${path_start}" "${ta_row}")
ms_expect_equal("oracle path end vs oracle" "${oracle_end}" "${oracle_row}")
ms_cli(RC 2 ARGS analyze lambda --pool "${zoo}" --values 0,x STDERR "--values: 'x' is not a number")
# What adaptation will follow: the entropy signal, in all layers and per layer.
ms_cli(RC 0 ARGS analyze signal --pool "${zoo}" --max-images 8 --threads 1
       STDOUT "entropy signal, all layers" "own first" "entropy signal, layer 1")

# The three pool diagnostics, each ending with its verdict; their lists are checked before work.
ms_cli(RC 0 ARGS analyze identifiability --pool "${zoo}" --images 16 --threads 1 --quiet
       STDOUT "task identifiability" "layer" "verdict: identifiability")
ms_cli(RC 0 ARGS analyze disentanglement --pool "${zoo}" --images 8 --values 0.5,1 --json --threads 1 --quiet)
ms_json(xi_mean "${CLI_OUT}" 0 mean)  # two tables: the pairs and the one pair's grid
if(xi_mean LESS 0 OR xi_mean GREATER 1)
  message(FATAL_ERROR "disentanglement error ${xi_mean} is not a share")
endif()
ms_cli(RC 2 ARGS analyze disentanglement --pool "${zoo}" --pairs syn_digits:syn_digits
       STDERR "--pairs: 'syn_digits:syn_digits' pairs a task with itself")
ms_cli(RC 2 ARGS analyze disentanglement --pool "${zoo}" --pairs syn_digits:nope STDERR "'nope' is not one of the chosen tasks")
ms_cli(RC 2 ARGS analyze disentanglement --pool "${zoo}" --values 0.5,y STDERR "--values: 'y' is not a number")
ms_cli(RC 0 ARGS analyze alignment --pool "${zoo}" --images 8 --steps 3 --threads 1 --quiet
       STDOUT "entropy-optimal" "oracle" "CE-optimal" "verdict: alignment")

message(STATUS "cli_smoke: all checks passed")
