#include "app/cli.hpp"

int main(int argc, char** argv) { return superapp::app::run_cli(argc, argv); }
