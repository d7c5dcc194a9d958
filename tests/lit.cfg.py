# lit configuration for budc's file tests. Each test file holds its input and, in comments,
# the RUN line and the exact expected output (FileCheck CHECK lines).
import os
import sys
import lit.formats

config.name = "budc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".bud", ".test"]
config.excludes = ["Inputs", "unit", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.budc_obj_root, "tests")

config.environment["PATH"] = os.pathsep.join(
    [config.budc_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
# Messages are English unless a test asks for --lang=zh; the locale must not leak in.
for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
    config.environment.pop(var, None)
config.environment["LANG"] = "C.UTF-8"

config.substitutions.append(("%budc", os.path.join(config.budc_tools_dir, "budc")))
config.substitutions.append(("%examples", os.path.join(config.budc_src_root, "examples")))
config.substitutions.append(("%srcroot", config.budc_src_root))
config.substitutions.append(("%python", sys.executable))
config.substitutions.append(("%expect_exit", sys.executable + " " + os.path.join(config.budc_src_root, "tests", "expect_exit.py")))
