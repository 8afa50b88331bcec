from qa_tool.cli import main

main()
