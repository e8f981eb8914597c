print("before")
function tdcli_update_callback(data) end
os.exit(0)
print("never")
